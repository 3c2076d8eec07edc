package io.freshet.predictor;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.OutputOperationInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Logs each batch: when it is submitted, the events Spark's receiver counted (a socket; a directory source
 * has no receiver, so Spark counts none); when it completes, the events scored, the records and errors they
 * gave and the model version (reported by the job through {@link #scored}), with Spark's processing time and
 * scheduling delay; a batch that failed (its sink stayed unwritable) is logged as failed, not done. Operators read it to size batches; the end-to-end benchmark reads the percentiles.
 */
final class BatchLog implements StreamingListener {
    private static final Logger LOG = LoggerFactory.getLogger(BatchLog.class);

    /** What the job scored in one batch, with the version of the model that scored it. */
    record Scored(ScoredBatch.Counts counts, String version) {
    }

    private final Map<Long, Scored> scored = new ConcurrentHashMap<>();

    /** Called by the job (driver side) when a batch is scored and written, before Spark reports it complete. */
    void scored(long batchTimeMillis, Scored batch) {
        scored.put(batchTimeMillis, batch);
    }

    @Override
    public void onBatchSubmitted(StreamingListenerBatchSubmitted submitted) {
        BatchInfo b = submitted.batchInfo();
        LOG.info("batch {} submitted: {} events", b.batchTime().milliseconds(), b.numRecords());
    }

    @Override
    public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
        BatchInfo b = completed.batchInfo();
        long time = b.batchTime().milliseconds();
        Scored s = scored.remove(time);
        Optional<String> failure = failure(b);
        if (failure.isPresent()) {
            LOG.warn("batch {} failed, not done: {}", time, failure.get());
            return;
        }
        long events = s == null ? b.numRecords() : s.counts().events();
        String what = s == null ? "" : ", " + s.counts().outputs() + " records, " + s.counts().errors() + " errors, model "
                + s.version();
        LOG.info("batch {} done: {} events, processing {} ms, scheduling delay {} ms{}", time, events,
                b.processingDelay().getOrElse(() -> -1L), b.schedulingDelay().getOrElse(() -> -1L), what);
    }

    /** Why a batch failed (Spark reports a batch whose job threw as completed, with the reason), if it did. */
    private static Optional<String> failure(BatchInfo b) {
        for (OutputOperationInfo o : CollectionConverters.asJava(b.outputOperationInfos()).values()) {
            if (o.failureReason().isDefined()) {
                return Optional.of(o.failureReason().get().lines().findFirst().orElse(""));
            }
        }
        return Optional.empty();
    }
}
