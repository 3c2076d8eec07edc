package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.predictor.stream.Endpoint;
import io.freshet.predictor.stream.SinkRetry;
import io.freshet.predictor.stream.StreamSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --broadcast-max-mb} is checked before anything starts. */
class BroadcastMaxMbOptionTest {
    @TempDir
    Path dir;

    @Test
    void aNegativeBudgetIsAUsageError() {
        CliRun run = CliRun.predictor("stream", "--store", dir.resolve("store").toString(), "--source",
                "socket://127.0.0.1:9999", "--broadcast-max-mb", "-1");
        assertEquals(ExitCode.USAGE, run.code(), run.toString());
        assertTrue(run.err().contains("--broadcast-max-mb must be a size in MiB from 0 to"), run.toString());
    }

    @Test
    void theBudgetIsInMebibytes() {
        StreamSettings settings = new StreamSettings("store", Endpoint.parse("socket://127.0.0.1:9999", "--source"),
                Endpoint.parse("console", "--sink"), Endpoint.parse("stderr", "--errors"), java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1), 10, true, null, 0, java.util.Map.of(), 3,
                new SinkRetry(5, java.time.Duration.ofSeconds(1)), io.freshet.predictor.stream.StreamFold.DEFAULT);
        assertEquals(3L << 20, settings.broadcastBudgetBytes());
    }
}
