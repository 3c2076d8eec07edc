package io.freshet.predictor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the build put what the end-to-end tests launch: the jars, the classpaths, bin/jvm-options. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    public static Path root() {
        String p = System.getProperty("freshet.project.root");
        return (p != null ? Path.of(p) : Path.of("..")).toAbsolutePath().normalize();
    }

    static Path predictorJar() {
        return root().resolve("predictor-cli/target/predictor-cli.jar");
    }

    static Path trainerJar() {
        return root().resolve("trainer-cli/target/trainer-cli.jar");
    }

    /** Spark, Hadoop and the rest (the provided classpath), as written by the build. */
    static String sparkClasspath() {
        return read(root().resolve("predictor-cli/target/classpath.txt")).strip();
    }

    static List<String> jvmOptions() {
        try {
            return Files.readAllLines(root().resolve("bin/jvm-options")).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
