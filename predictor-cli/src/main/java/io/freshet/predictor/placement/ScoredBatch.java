package io.freshet.predictor.placement;

import io.freshet.events.OutputRecords;
import io.freshet.predictor.executor.BatchRecord;
import io.freshet.serving.EventProcessor;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * One micro-batch scored on the executors with the model of a lease: each partition runs the shared
 * {@link EventProcessor}, over the broadcast model (no join, no shuffle) or, for a model over the broadcast
 * budget, over the broadcast items and the users joined to the partition ({@link JoinedUsers}). The records
 * ({@link BatchRecord}: outputs with their user, and errors) are kept once so that outputs and errors are written
 * without scoring twice, as one list per partition: the block store then sizes one object a partition, where
 * sizing the records one by one (sampling a growing buffer) took a tenth of a batch's executor time.
 */
public final class ScoredBatch implements AutoCloseable {
    private final JavaRDD<List<BatchRecord>> kept;
    private final JavaRDD<BatchRecord> records;
    private Counts counts;

    /**
     * How many output and error records a batch produced (every event gives exactly one of them), and how many of
     * the outputs are popular lists for users the model does not know ({@code "fallback":"popular"}).
     */
    public record Counts(long outputs, long errors, long popularFallbacks) {
        public long events() {
            return outputs + errors;
        }
    }

    public ScoredBatch(JavaRDD<String> events, BroadcastModel.Lease model, EventProcessor processor) {
        this(model.score(events, processor));
    }

    /** A batch whose records another path computes (the fold-in state's, {@link FoldState}). */
    public ScoredBatch(JavaRDD<BatchRecord> records) {
        this.kept = records.glom().persist(StorageLevel.MEMORY_AND_DISK());
        this.records = kept.flatMap(List::iterator);
    }

    /** Scores the batch (the first action over it; the results stay cached) and counts its records. */
    public Counts counts() {
        if (counts == null) {
            // aggregate, not countByValue: one stage, no shuffle
            long[] n = records.aggregate(new long[3], (c, r) -> {
                c[r.isOutput() ? 0 : 1]++;
                if (r.isOutput() && OutputRecords.isPopularFallback(r.json())) {
                    c[2]++;
                }
                return c;
            }, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
            counts = new Counts(n[0], n[1], n[2]);
        }
        return counts;
    }

    /** Output records as JSON. */
    public JavaRDD<String> outputs() {
        return records.filter(BatchRecord::isOutput).map(BatchRecord::json);
    }

    /** Output records as (user id, JSON): the user is the Kafka key. */
    public JavaRDD<Tuple2<String, String>> keyedOutputs() {
        return records.filter(BatchRecord::isOutput).map(r -> new Tuple2<>(r.key(), r.json()));
    }

    /** Error records as JSON. */
    public JavaRDD<String> errors() {
        return records.filter(r -> !r.isOutput()).map(BatchRecord::json);
    }

    @Override
    public void close() {
        kept.unpersist(false);
    }
}
