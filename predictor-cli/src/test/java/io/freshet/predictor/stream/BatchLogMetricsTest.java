package io.freshet.predictor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codahale.metrics.MetricRegistry;
import io.freshet.predictor.metrics.PredictorMetrics;
import io.freshet.predictor.placement.ScoredBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.SinkProgress;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.OutputOperationInfo;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple2;

/**
 * Both engines' batch listeners feed the driver's metrics through the batch log: what the job scored and the engine's
 * processing time of each batch done (DStream: Spark's processing delay; Kafka: the trigger's addBatch), nothing of a
 * batch that failed.
 */
class BatchLogMetricsTest {
    private final PredictorMetrics metrics = new PredictorMetrics(Clock.systemUTC(), "scalar");
    private final MetricRegistry registry = metrics.metricRegistry();
    private final BatchLog log = new BatchLog(metrics);

    private long count(String name) {
        return registry.getCounters().get(name).getCount();
    }

    @Test
    void aDStreamBatchDoneCountsWhatTheJobScoredAndSparksProcessingTime() {
        long time = 1_700_000_000_000L;
        log.scored(time, new BatchLog.Scored(new ScoredBatch.Counts(8, 2, 3), "v1"));
        new DStreamBatches(log).onBatchCompleted(new StreamingListenerBatchCompleted(batch(time, Option.empty())));
        assertEquals(10, count(PredictorMetrics.EVENTS));
        assertEquals(8, count(PredictorMetrics.RECORDS));
        assertEquals(2, count(PredictorMetrics.ERRORS));
        assertEquals(3, count(PredictorMetrics.POPULAR_FALLBACKS));
        assertEquals(1, registry.getHistograms().get(PredictorMetrics.BATCH_PROCESSING_MS).getCount());
        assertEquals(140, registry.getHistograms().get(PredictorMetrics.BATCH_PROCESSING_MS).getSnapshot().getMax());
    }

    @Test
    void aFailedDStreamBatchCountsNothing() {
        long time = 1_700_000_001_000L;
        log.scored(time, new BatchLog.Scored(new ScoredBatch.Counts(5, 0, 0), "v1"));
        new DStreamBatches(log).onBatchCompleted(new StreamingListenerBatchCompleted(
                batch(time, Option.apply("SinkWriteException: --sink dir:/out: not written"))));
        assertEquals(0, count(PredictorMetrics.EVENTS));
        assertEquals(0, registry.getHistograms().get(PredictorMetrics.BATCH_PROCESSING_MS).getCount());
    }

    @Test
    void aKafkaMicroBatchDoneCountsWhatTheJobScoredAndItsAddBatchTime() {
        log.scored(7, new BatchLog.Scored(new ScoredBatch.Counts(4, 1, 0), "v1"));
        new KafkaBatches(log).onQueryProgress(new StreamingQueryListener.QueryProgressEvent(progress(7)));
        new KafkaBatches(log).onQueryProgress(new StreamingQueryListener.QueryProgressEvent(progress(8))); // no batch
        assertEquals(5, count(PredictorMetrics.EVENTS));
        assertEquals(4, count(PredictorMetrics.RECORDS));
        assertEquals(1, count(PredictorMetrics.ERRORS));
        assertEquals(1, registry.getHistograms().get(PredictorMetrics.BATCH_PROCESSING_MS).getCount());
        assertEquals(120, registry.getHistograms().get(PredictorMetrics.BATCH_PROCESSING_MS).getSnapshot().getMax());
    }

    /** A DStream batch processed from +10 ms to +150 ms after its time, failed with {@code failure} if given. */
    private static BatchInfo batch(long time, Option<String> failure) {
        Time t = new Time(time);
        OutputOperationInfo output = new OutputOperationInfo(t, 0, "foreachRDD", "", Option.apply(time + 10),
                Option.apply(time + 150), failure);
        scala.collection.immutable.Map<Object, OutputOperationInfo> outputs = scala.collection.immutable.Map$.MODULE$
                .<Object, OutputOperationInfo>empty().$plus(new Tuple2<>(0, output));
        return new BatchInfo(t, scala.collection.immutable.Map$.MODULE$.empty(), time, Option.apply(time + 10),
                Option.apply(time + 150), outputs);
    }

    /** Structured Streaming's progress of micro-batch {@code batchId}: addBatch 120 ms of a 150 ms trigger. */
    private static StreamingQueryProgress progress(long batchId) {
        return new StreamingQueryProgress(UUID.randomUUID(), UUID.randomUUID(), "freshet-predictor",
                Instant.ofEpochSecond(1_700_000_000L + batchId).toString(), batchId, 150L,
                Map.of("addBatch", 120L, "triggerExecution", 150L), Map.of(), new StateOperatorProgress[0],
                new SourceProgress[0], null, Map.<String, Row>of());
    }
}
