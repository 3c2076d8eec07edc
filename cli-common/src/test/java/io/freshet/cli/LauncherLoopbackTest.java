package io.freshet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launchers keep a local Spark to loopback (Spark binds its web UI and driver ports to SPARK_LOCAL_IP, and to
 * every interface without it); a cluster master keeps Spark's own settings, and a SPARK_LOCAL_IP set wins.
 */
class LauncherLoopbackTest {
    /** SPARK_LOCAL_IP after bin/freshet-env.sh's freshet_loopback_if_local ran with {@code args}. */
    private static String localIp(String preset, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "source ../bin/freshet-env.sh && freshet_loopback_if_local \"$@\" && echo \"${SPARK_LOCAL_IP:-unset}\"",
                "launcher"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("SPARK_LOCAL_IP");
        if (preset != null) {
            pb.environment().put("SPARK_LOCAL_IP", preset);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void aLocalMasterOrNoneKeepsSparkToLoopback() throws Exception {
        assertEquals("127.0.0.1", localIp(null, "fit", "--store", "s", "--input", "r.dat"));
        assertEquals("127.0.0.1", localIp(null, "fit", "--master", "local[2]", "--store", "s"));
        assertEquals("127.0.0.1", localIp(null, "--master=local[*]", "--class", "x", "app.jar"));
    }

    @Test
    void aClusterMasterAndAPresetAddressAreLeftAlone() throws Exception {
        assertEquals("unset", localIp(null, "--master", "spark://10.0.0.5:7077", "--class", "x", "app.jar"));
        assertEquals("unset", localIp(null, "fit", "--master=yarn"));
        assertEquals("192.0.2.7", localIp("192.0.2.7", "fit", "--master", "local[2]"));
    }
}
