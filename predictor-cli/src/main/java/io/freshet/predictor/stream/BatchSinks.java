package io.freshet.predictor.stream;

import io.freshet.predictor.placement.ScoredBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch's outputs and errors as one unit, retried with backoff ({@link SinkRetry}): each attempt stages
 * every side not yet written before it commits any, and a side once committed is never written again, so a retry
 * neither loses nor repeats a record. When the attempts run out the batch fails (Spark does not mark it done), and
 * every later batch fails at once without writing, so nothing after it is written out of order.
 */
final class BatchSinks {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSinks.class);

    /** A writer with the name the operator gave it, such as {@code --sink dir:/recs/out}, for messages. */
    record Sink(String name, BatchWriter writer) {
    }

    /** One side of a batch: its sink and its records. */
    record Side(Sink sink, JavaRDD<String> records) {
    }

    /** Waits between attempts; tests pass their own. */
    interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    private final Sink outputs;
    private final Sink errors;
    private final SinkRetry retry;
    private final Sleeper sleeper;
    private final AtomicReference<SinkWriteException> failed = new AtomicReference<>();

    BatchSinks(Sink outputs, Sink errors, SinkRetry retry, Sleeper sleeper) {
        this.outputs = outputs;
        this.errors = errors;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    BatchSinks(Sink outputs, Sink errors, SinkRetry retry) {
        this(outputs, errors, retry, wait -> Thread.sleep(wait.toMillis()));
    }

    /** Writes the sides of a scored batch that have records (an empty side is not written at all). */
    void write(long time, ScoredBatch batch) {
        ScoredBatch.Counts counts = batch.counts();
        List<Side> sides = new ArrayList<>(2);
        if (counts.outputs() > 0) {
            sides.add(new Side(outputs, batch.outputs()));
        }
        if (counts.errors() > 0) {
            sides.add(new Side(errors, batch.errors()));
        }
        write(time, sides);
    }

    /** Writes {@code sides} of the batch at {@code time}, or throws having committed none that it did not report. */
    void write(long time, List<Side> sides) {
        SinkWriteException earlier = failed.get();
        if (earlier != null) {
            // Without the cause: Spark logs each such batch with its stack trace, and the first failure says why.
            throw new SinkWriteException("batch " + time + " not written: " + earlier.getMessage(), null);
        }
        List<Side> pending = new ArrayList<>(sides);
        for (int attempt = 1; ; attempt++) {
            try {
                attempt(time, pending);
                return;
            } catch (SinkWriteException e) {
                if (attempt > retry.retries()) {
                    SinkWriteException failure = new SinkWriteException("batch " + time + " not written after "
                            + attempt + (attempt == 1 ? " attempt: " : " attempts: ") + e.getMessage(), e);
                    failed.set(failure);
                    throw failure;
                }
                Duration wait = retry.wait(attempt - 1);
                LOG.warn("batch {}: {}; attempt {} of {} in {} ms", time, e.getMessage(), attempt + 1,
                        retry.attempts(), wait.toMillis());
                pause(time, wait, e);
            }
        }
    }

    /** Stages every pending side, then commits them in order, removing each from {@code pending} once committed. */
    private static void attempt(long time, List<Side> pending) {
        List<BatchWriter.Staged> staged = new ArrayList<>(pending.size());
        try {
            for (Side side : pending) {
                try {
                    staged.add(side.sink().writer().stage(side.records(), time));
                } catch (SinkWriteException e) {
                    throw named(side, e);
                }
            }
            while (!pending.isEmpty()) {
                try {
                    staged.get(0).commit();
                } catch (SinkWriteException e) {
                    throw named(pending.get(0), e);
                }
                staged.remove(0);
                pending.remove(0);
            }
        } catch (RuntimeException e) {
            for (BatchWriter.Staged s : staged) {
                try {
                    s.discard();
                } catch (SinkWriteException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static SinkWriteException named(Side side, SinkWriteException e) {
        return new SinkWriteException(side.sink().name() + ": " + e.getMessage(), e);
    }

    private void pause(long time, Duration wait, SinkWriteException cause) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SinkWriteException stopped = new SinkWriteException("batch " + time
                    + " not written: interrupted while waiting to retry", e);
            stopped.addSuppressed(cause);
            failed.set(stopped);
            throw stopped;
        }
    }
}
