package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        UnwritableErrorsSink sink = UnwritableErrorsSink.in(dir);
        List<String> args = new java.util.ArrayList<>(sink.streamArgs());
        args.addAll(List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false"));
        CompletableFuture<CliRun> run;
        try (LogCapture log = LogCapture.of("io.freshet.predictor.stream.StreamSetup")) {
            run = CompletableFuture.supplyAsync(() -> CliRun.predictor(args.toArray(String[]::new)));
            await(() -> log.lines().stream().anyMatch(l -> l.contains("streaming from dir:")) || run.isDone());
        }
        assertFalse(run.isDone(), () -> "the stream ended before it started: " + run.join());
        sink.arrive();

        CliRun done = run.get(2, TimeUnit.MINUTES);
        assertEquals(ExitCode.STORE, done.code(), done.toString());
        assertTrue(done.err().contains("not written after 3 attempts: --errors dir:" + sink.errors()
                + ": cannot write batch file " + sink.errors() + "/batch-"), done.toString());
        assertEquals(List.of(), StreamOutputs.lines(sink.out()), "no output of the failed batch is shown");
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
