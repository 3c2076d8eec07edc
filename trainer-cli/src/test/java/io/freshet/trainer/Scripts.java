package io.freshet.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's shell scripts (cron wrapper, launchers) as cron or a user would, capturing their output. */
final class Scripts {
    private Scripts() {
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static Path root() {
        String p = System.getProperty("freshet.project.root");
        return (p != null ? Path.of(p) : Path.of("..")).toAbsolutePath().normalize();
    }

    static Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("script", ".out");
        Path err = Files.createTempFile("script", ".err");
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static Path writeEnv(Path file, Map<String, String> settings) {
        List<String> lines = new ArrayList<>();
        lines.add("# written by a test");
        settings.forEach((k, v) -> lines.add(k + "=" + v));
        try {
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
