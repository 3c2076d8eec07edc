package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.store.ModelStore;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predictor stream} in this JVM, as a user runs it, on a directory source whose error sink stays unwritable:
 * the stream stops after the retries with exit 4, naming the sink, and writes no part of the batch.
 */
class SinkFailureStreamTest {
    @TempDir
    Path dir;

    @Test
    void aSinkThatStaysUnwritableStopsTheStreamWithExit4AndNoPartOfTheBatch() throws Exception {
        Path store = dir.resolve("store");
        ModelFixtures.publishCurrent(ModelStore.open(store.toString(), new Configuration()),
                ModelFixtures.random(20, 10, 4, 3, 1));
        Path source = Files.createDirectories(dir.resolve("source"));
        Path out = dir.resolve("out");
        Path errors = dir.resolve("errors");
        Files.writeString(errors, "a file where the errors directory should be: unwritable even for root");
        CompletableFuture<CliRun> run;
        try (LogCapture log = LogCapture.of("io.freshet.predictor.stream.StreamSetup")) {
            run = CompletableFuture.supplyAsync(() -> CliRun.predictor("stream", "--master", "local[2]",
                    "--conf", "spark.ui.enabled=false", "--store", store.toString(), "--source", "dir:" + source,
                    "--sink", "dir:" + out, "--errors", "dir:" + errors, "--batch-interval", "0.5",
                    "--sink-retries", "2", "--sink-retry-backoff", "0.01"));
            await(() -> log.lines().stream().anyMatch(l -> l.contains("streaming from dir:")) || run.isDone());
        }
        assertFalse(run.isDone(), () -> "the stream ended before it started: " + run.join());
        // One file, moved in whole once the stream runs: one batch with outputs and one malformed event.
        Path hidden = Files.write(source.resolve(".events.tmp"), List.of("1", "2,3", "{\"user\":\"x\"}", "4"));
        Files.move(hidden, source.resolve("events.txt"), StandardCopyOption.ATOMIC_MOVE);

        CliRun done = run.get(2, TimeUnit.MINUTES);
        assertEquals(ExitCode.STORE, done.code(), done.toString());
        assertTrue(done.err().contains("not written after 3 attempts: --errors dir:" + errors + ": cannot write batch file "
                + errors + "/batch-"), done.toString());
        assertEquals(List.of(), StreamOutputs.lines(out), "no output of the failed batch is shown");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
