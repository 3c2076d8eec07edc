package io.freshet.predictor.stream;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The Kafka job's micro-batches in the {@link BatchLog}, from Structured Streaming's progress of each trigger
 * that ran one (README, "Kafka"): TIME is the trigger's start in ms; processing is the time in the job's batch
 * function, scoring and writing both topics ({@code addBatch}), the work the DStream job's processing time
 * covers; the scheduling delay is the part of the trigger before that function began: offset lookup,
 * write-ahead log and planning ({@code triggerExecution} less {@code addBatch} and {@code commitOffsets}).
 * Micro-batches run one at a time and never queue as DStream batches do; one that overran the interval starts
 * the next trigger at once, which this delay does not count. A trigger without a batch (no new events) logs
 * nothing; a failed micro-batch fails the query and is reported by the job.
 */
final class KafkaBatches extends StreamingQueryListener {
    private final BatchLog log;

    KafkaBatches(BatchLog log) {
        this.log = log;
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        Optional<BatchLog.Scored> scored = log.take(p.batchId());
        if (scored.isEmpty()) {
            return;
        }
        Map<String, Long> ms = p.durationMs();
        long processing = ms.getOrDefault("addBatch", -1L);
        long scheduling = ms.containsKey("triggerExecution") && processing >= 0
                ? ms.get("triggerExecution") - processing - ms.getOrDefault("commitOffsets", 0L) : -1L;
        log.done(Instant.parse(p.timestamp()).toEpochMilli(), p.numInputRows(), processing, scheduling, scored);
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }
}
