package io.freshet.predictor.stream;

import io.freshet.predictor.metrics.PredictorMetrics;
import io.freshet.predictor.placement.FoldState;
import io.freshet.predictor.placement.ScoredBatch;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch log both jobs write: one line per batch done,
 * {@code batch TIME done: N events, processing P ms, scheduling delay D ms, R records, E errors, model VERSION}
 * and, when the stream folds ratings, {@code , fold-in state U users (X dropped)}
 * (README, "Streaming"), and one warning per batch that failed. The job reports what it scored ({@link #scored});
 * the engine's listener ({@link DStreamBatches}, {@link KafkaBatches}) adds its timings when the batch is done.
 * Operators read it to size batches; the end-to-end benchmark reads the percentiles. Each batch done also goes
 * to the driver's {@link PredictorMetrics}.
 */
final class BatchLog {
    private static final Logger LOG = LoggerFactory.getLogger(BatchLog.class);

    /**
     * What the job scored in one batch, with the version of the model that scored it and, when the stream folds,
     * its fold-in state after the batch (null when it does not).
     */
    record Scored(ScoredBatch.Counts counts, String version, FoldState.Stats fold) {
        Scored(ScoredBatch.Counts counts, String version) {
            this(counts, version, null);
        }
    }

    private final Map<Long, Scored> scored = new ConcurrentHashMap<>();
    private final PredictorMetrics metrics;

    BatchLog(PredictorMetrics metrics) {
        this.metrics = metrics;
    }

    /** Called by the job (driver side) when a batch is scored and written, before the engine reports it done. */
    void scored(long batch, Scored s) {
        scored.put(batch, s);
    }

    /** What the job reported for {@code batch}, taken out of the log's keeping. */
    Optional<Scored> take(long batch) {
        return Optional.ofNullable(scored.remove(batch));
    }

    /**
     * Logs the line of a batch done. {@code events} counts what the engine saw, for a batch the job did not
     * report (the line then ends after the scheduling delay); a reported batch counts what the job scored.
     */
    void done(long time, long events, long processingMs, long schedulingDelayMs, Optional<Scored> s) {
        String what = s.map(b -> ", " + b.counts().outputs() + " records, " + b.counts().errors() + " errors, model "
                + b.version() + (b.fold() == null ? "" : ", fold-in state " + b.fold().users() + " users ("
                + b.fold().evicted() + " dropped)")).orElse("");
        LOG.info("batch {} done: {} events, processing {} ms, scheduling delay {} ms{}", time,
                s.map(b -> b.counts().events()).orElse(events), processingMs, schedulingDelayMs, what);
        ScoredBatch.Counts c = s.map(Scored::counts).orElse(new ScoredBatch.Counts(0, 0, 0));
        metrics.batchDone(c.events(), c.outputs(), c.errors(), c.popularFallbacks(), processingMs);
    }

    void failed(long time, String reason) {
        LOG.warn("batch {} failed, not done: {}", time, reason);
    }

    void submitted(long time, long events) {
        LOG.info("batch {} submitted: {} events", time, events);
    }
}
