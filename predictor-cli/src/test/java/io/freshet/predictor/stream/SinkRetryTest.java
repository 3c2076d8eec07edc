package io.freshet.predictor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.predictor.CliRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink retry policy and {@link BatchSinks} over writers that fail on cue, without Spark: a batch's sides are
 * written once each however often an attempt fails, and a batch that never gets written fails every later one.
 */
class SinkRetryTest {
    @TempDir
    Path dir;

    @Test
    void theWaitDoublesUpToSixtySeconds() {
        SinkRetry retry = new SinkRetry(9, Duration.ofSeconds(1));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < retry.retries(); i++) {
            waits.add(retry.wait(i).toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), waits);
        assertEquals(Duration.ofSeconds(60), retry.wait(Integer.MAX_VALUE));
    }

    @Test
    void negativeRetriesAndABackoffOutsideZeroToSixtyAreUsageErrors() {
        for (String[] bad : List.of(new String[] {"--sink-retries", "-1"}, new String[] {"--sink-retry-backoff", "0"},
                new String[] {"--sink-retry-backoff", "61"})) {
            CliRun run = CliRun.predictor("stream", "--store", dir.resolve("store").toString(), "--source",
                    "socket://127.0.0.1:9999", bad[0], bad[1]);
            assertEquals(ExitCode.USAGE, run.code(), run.toString());
            assertTrue(run.err().contains(bad[0] + " must be"), run.toString());
        }
    }

    @Test
    void aSideCommittedBeforeTheOtherFailedIsNotWrittenAgain() {
        FakeWriter outputs = new FakeWriter(0, 0);
        FakeWriter errors = new FakeWriter(0, 2);
        List<Duration> waits = new ArrayList<>();
        BatchSinks sinks = new BatchSinks(new BatchSinks.Sink("--sink out", outputs),
                new BatchSinks.Sink("--errors err", errors), new SinkRetry(3, Duration.ofMillis(10)), waits::add);
        sinks.write(7, sides(outputs, errors));
        assertEquals(1, outputs.commits, "outputs committed once");
        assertEquals(1, errors.commits, "errors committed once, on the third attempt");
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), waits);
        assertEquals(outputs.stages, outputs.commits + outputs.discards, "every staged output committed or discarded");
        assertEquals(errors.stages, errors.commits + errors.discards, "every staged error committed or discarded");
    }

    @Test
    void aStagingFailureDiscardsTheOtherSideSoNothingIsShown() {
        FakeWriter outputs = new FakeWriter(0, 0);
        FakeWriter errors = new FakeWriter(1, 0);
        BatchSinks sinks = new BatchSinks(new BatchSinks.Sink("--sink out", outputs),
                new BatchSinks.Sink("--errors err", errors), new SinkRetry(1, Duration.ofMillis(10)), wait -> { });
        sinks.write(7, sides(outputs, errors));
        assertEquals(2, outputs.stages);
        assertEquals(1, outputs.discards, "the first attempt's outputs were discarded, not shown");
        assertEquals(1, outputs.commits);
        assertEquals(1, errors.commits);
    }

    @Test
    void aSinkThatStaysUnwritableFailsTheBatchNamingItAndEveryLaterBatch() {
        FakeWriter outputs = new FakeWriter(0, 0);
        FakeWriter errors = new FakeWriter(Integer.MAX_VALUE, 0);
        List<Duration> waits = new ArrayList<>();
        BatchSinks sinks = new BatchSinks(new BatchSinks.Sink("--sink out", outputs),
                new BatchSinks.Sink("--errors dir:/x/errors", errors), new SinkRetry(2, Duration.ofMillis(10)),
                waits::add);
        SinkWriteException e = assertThrows(SinkWriteException.class, () -> sinks.write(7, sides(outputs, errors)));
        assertTrue(e.getMessage().startsWith("batch 7 not written after 3 attempts: --errors dir:/x/errors: "),
                e.getMessage());
        assertEquals(2, waits.size());
        assertEquals(0, outputs.commits, "no side of the batch shown");
        assertEquals(outputs.stages, outputs.discards);

        SinkWriteException later = assertThrows(SinkWriteException.class,
                () -> sinks.write(8, sides(outputs, errors)));
        assertEquals("batch 8 not written: " + e.getMessage(), later.getMessage());
        assertEquals(3, outputs.stages, "a later batch is not even staged");
    }

    @Test
    void theKafkaJobFindsASinkFailureThatSparkWrapped() {
        SinkWriteException sink = new SinkWriteException("--sink kafka://h:1/t: micro-batch 3 not written: x", null);
        assertSame(sink, SinkWriteException.in(new IllegalStateException(new SparkException("batch failed", sink)))
                .orElseThrow());
        assertTrue(SinkWriteException.in(new IllegalStateException("other")).isEmpty());
    }

    private static List<BatchSinks.Side> sides(FakeWriter outputs, FakeWriter errors) {
        return List.of(new BatchSinks.Side(new BatchSinks.Sink("--sink out", outputs), null),
                new BatchSinks.Side(new BatchSinks.Sink("--errors dir:/x/errors", errors), null));
    }

    /** A writer whose first stages, then first commits, fail as many times as told; counts what it did. */
    private static final class FakeWriter implements BatchWriter {
        private int stageFailures;
        private int commitFailures;
        int stages;
        int commits;
        int discards;

        FakeWriter(int stageFailures, int commitFailures) {
            this.stageFailures = stageFailures;
            this.commitFailures = commitFailures;
        }

        @Override
        public Staged stage(JavaRDD<String> records, long batchTimeMillis) {
            if (stageFailures > 0) {
                stageFailures--;
                throw new SinkWriteException("cannot stage", null);
            }
            stages++;
            return new Staged() {
                @Override
                public void commit() {
                    if (commitFailures > 0) {
                        commitFailures--;
                        throw new SinkWriteException("cannot commit", null);
                    }
                    commits++;
                }

                @Override
                public void discard() {
                    discards++;
                }
            };
        }
    }
}
