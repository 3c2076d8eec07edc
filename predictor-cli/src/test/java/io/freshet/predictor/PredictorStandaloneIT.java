package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming predictor through real spark-submit on a standalone master and worker, each in its own JVM:
 * the executors are other processes, so every broadcast model crosses a process boundary.
 */
@Tag("slow")
class PredictorStandaloneIT {
    @TempDir
    Path dir;

    @Test
    void hotSwapsMidStreamOnAStandaloneClusterLosesNothingAndExitsZeroOnSigterm() throws Exception {
        try (StandaloneCluster cluster = StandaloneCluster.start(dir, 2)) {
            StreamScenario.run(dir, List.of("--master", cluster.masterUrl(), "--deploy-mode", "client",
                    "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2",
                    "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", ProjectPaths.jvmOptions())), Map.of());

            List<String> executors = cluster.executorLogs();
            assertFalse(executors.isEmpty(), "the worker ran executors\n" + cluster.logs());
            assertTrue(executors.stream().anyMatch(log -> log.contains("Started reading broadcast variable")),
                    "an executor read broadcasts from the driver, another JVM:\n" + String.join("\n----\n", executors));
        }
    }
}
