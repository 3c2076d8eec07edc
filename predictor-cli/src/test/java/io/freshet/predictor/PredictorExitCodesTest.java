package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.cli.InternalErrorCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The predictor's exit codes tell a user's typo (2, with picocli's message) from a bug (1, with the --verbose hint). */
class PredictorExitCodesTest {
    @TempDir
    Path dir;

    @Test
    void anUnexpectedIllegalArgumentExceptionIsAnInternalError() {
        InternalErrorCheck.assertBugsAreInternalErrors(Predictor.commandLine());
    }

    @Test
    void badOptionValuesAreUsageErrorsWithPicocliMessage() throws Exception {
        String store = dir.resolve("store").toString();
        CliRun retries = CliRun.predictor("stream", "--store", store, "--source", "socket://127.0.0.1:9",
                "--sink-retry-backoff", "0");
        assertEquals(ExitCode.USAGE, retries.code(), retries.toString());
        assertTrue(retries.err().contains("--sink-retry-backoff") && retries.err().contains("Usage:"), retries.err());

        Path events = java.nio.file.Files.writeString(dir.resolve("events.txt"), "1\n");
        CliRun watch = CliRun.predictor("transform", "--store", store, "--input", events.toString(),
                "--watch", "1", "--version", "20260101T000000Z-abcdef");
        assertEquals(ExitCode.USAGE, watch.code(), watch.toString());
        assertTrue(watch.err().contains("cannot be combined with --version"), watch.err());
    }
}
