package io.freshet.predictor.stream;

import java.util.Optional;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.OutputOperationInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The DStream job's batches in the {@link BatchLog}: when one is submitted, the events Spark's receiver counted (a
 * socket; a directory source has no receiver, so Spark counts none); when it completes, Spark's processing time
 * and scheduling delay with what the job scored; a batch that failed (its sink stayed unwritable) as failed, not
 * done. TIME is the batch time in ms.
 */
final class DStreamBatches implements StreamingListener {
    private final BatchLog log;

    DStreamBatches(BatchLog log) {
        this.log = log;
    }

    @Override
    public void onBatchSubmitted(StreamingListenerBatchSubmitted submitted) {
        BatchInfo b = submitted.batchInfo();
        log.submitted(b.batchTime().milliseconds(), b.numRecords());
    }

    @Override
    public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
        BatchInfo b = completed.batchInfo();
        long time = b.batchTime().milliseconds();
        Optional<BatchLog.Scored> scored = log.take(time);
        Optional<String> failure = failure(b);
        if (failure.isPresent()) {
            log.failed(time, failure.get());
            return;
        }
        log.done(time, b.numRecords(), b.processingDelay().getOrElse(() -> -1L),
                b.schedulingDelay().getOrElse(() -> -1L), scored);
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
