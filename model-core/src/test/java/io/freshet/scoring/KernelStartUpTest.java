package io.freshet.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshet.artifact.SeenItems;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start-up kernel choice, seen from fresh JVMs (the choice is made once per JVM). */
class KernelStartUpTest {
    private static final String EXPECTED = Arrays.toString(
            BruteForce.topN(KernelProbe.users(), KernelProbe.items(), SeenItems.empty(), 2, 6, false).itemIds());

    @Test
    void withoutTheVectorModuleTheScalarPathRunsAndNeverLoadsVectorClasses() throws Exception {
        assertEquals(List.of("scalar", EXPECTED), probe());
    }

    @Test
    void propertyForcesTheScalarPathEvenWithTheModule() throws Exception {
        assertEquals(List.of("scalar", EXPECTED),
                probe("--add-modules", "jdk.incubator.vector", "-Dfreshet.scoring.kernel=scalar"));
    }

    @Test
    void withTheModuleStartUpChoosesTheVectorPath() throws Exception {
        assertEquals(List.of("vector", EXPECTED), probe("--add-modules", "jdk.incubator.vector"));
    }

    private static List<String> probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(Arrays.asList(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "probe exit code; stdout: " + out);
        return out.lines().toList();
    }
}
