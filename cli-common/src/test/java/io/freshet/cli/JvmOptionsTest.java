package io.freshet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The launchers (bin/jvm-options) and the test JVMs (the pom's freshet.jvm.options) pass the same options. */
class JvmOptionsTest {

    @Test
    void launcherAndTestJvmOptionsAreTheSame() throws IOException {
        List<String> launcher = Files.readAllLines(Path.of("..", "bin", "jvm-options")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        Matcher m = Pattern.compile("<freshet.jvm.options>([^<]*)</freshet.jvm.options>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertTrue(m.find(), "pom.xml defines freshet.jvm.options");
        List<String> pom = Arrays.asList(m.group(1).strip().split("\\s+"));
        assertEquals(launcher, pom);
    }

    @Test
    void optionsOpenWhatSparkNeedsAndTheVectorApi() throws IOException {
        String launcher = Files.readString(Path.of("..", "bin", "jvm-options"));
        assertTrue(launcher.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
        assertTrue(launcher.contains("--add-modules=jdk.incubator.vector"));
    }
}
