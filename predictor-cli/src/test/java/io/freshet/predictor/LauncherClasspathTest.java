package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classpath files the launchers hand to Spark (bin/, {@code spark.yarn.jars}, a standalone worker's jars) hold no
 * jar of Freshet's own modules: YARN and standalone executors take that list as their system classpath, where a
 * module's classes could not see the modules they need (a rating parser there failed on YARN for want of model-core's
 * id classes). Freshet reaches the executors in the shaded jars only.
 */
class LauncherClasspathTest {
    @ParameterizedTest
    @ValueSource(strings = {"trainer-cli", "predictor-cli"})
    void holdsNoJarOfAFreshetModule(String module) throws Exception {
        Path file = ProjectPaths.root().resolve(module + "/target/classpath.txt");
        assumeTrue(Files.exists(file), "built by this module's build: " + file);
        Path root = ProjectPaths.root();
        List<String> ours = Arrays.stream(Files.readString(file).strip().split(java.io.File.pathSeparator))
                .filter(entry -> Path.of(entry).toAbsolutePath().normalize().startsWith(root)).toList();
        assertEquals(List.of(), ours, file + " lists jars of the build's own modules");
    }
}
