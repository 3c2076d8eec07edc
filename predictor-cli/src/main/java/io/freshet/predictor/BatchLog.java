package io.freshet.predictor;

import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs Spark's own statistics of each batch: events submitted, then processing time and scheduling delay
 * when it completes. Operators read it to size batches; the end-to-end benchmark reads the percentiles.
 */
final class BatchLog implements StreamingListener {
    private static final Logger LOG = LoggerFactory.getLogger(BatchLog.class);

    @Override
    public void onBatchSubmitted(StreamingListenerBatchSubmitted submitted) {
        BatchInfo b = submitted.batchInfo();
        LOG.info("batch {} submitted: {} events", b.batchTime().milliseconds(), b.numRecords());
    }

    @Override
    public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
        BatchInfo b = completed.batchInfo();
        LOG.info("batch {} done: {} events, processing {} ms, scheduling delay {} ms", b.batchTime().milliseconds(),
                b.numRecords(), b.processingDelay().getOrElse(() -> -1L), b.schedulingDelay().getOrElse(() -> -1L));
    }
}
