package io.freshet.predictor.executor;

import io.freshet.fold.FoldedUsers;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ServingModel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Scores one partition of a batch's events, keyed by user, with the fold-in state of the same users (the state
 * partition of the same index, one {@link FoldedUsers} value: both are hash-partitioned by user the same way), and
 * gives back the partition's records and its next state: the old state with the batch's changes, less the users
 * idle for longer than the idle timeout and, over the partition's share of the user bound, the least recently
 * active.
 */
public final class FoldPartition implements FlatMapFunction2<Iterator<Tuple2<Integer, String>>,
        Iterator<FoldedUsers>, FoldPartition.Result> {
    private static final long serialVersionUID = 1L;

    /** One partition's records and its next state (which counts the users it dropped). */
    public record Result(List<BatchRecord> records, FoldedUsers state) implements Serializable {
    }

    private final Broadcast<ServingModel> model;
    private final EventProcessor processor;
    private final long batchTime;
    private final long idleTimeoutMs;
    private final int maxUsers;

    /**
     * @param maxUsers the most users this partition keeps (the job's bound divided among the partitions)
     */
    public FoldPartition(Broadcast<ServingModel> model, EventProcessor processor, long batchTime, long idleTimeoutMs,
                         int maxUsers) {
        this.model = model;
        this.processor = processor;
        this.batchTime = batchTime;
        this.idleTimeoutMs = idleTimeoutMs;
        this.maxUsers = maxUsers;
    }

    @Override
    public Iterator<Result> call(Iterator<Tuple2<Integer, String>> events, Iterator<FoldedUsers> states) {
        FoldedUsers users = states.hasNext() ? states.next() : FoldedUsers.empty();
        if (states.hasNext()) {
            throw new IllegalStateException("a fold-in state partition holds more than one state value");
        }
        List<String> raw = new ArrayList<>();
        events.forEachRemaining(e -> raw.add(e._2()));
        List<BatchRecord> records = List.of();
        EventProcessor.Result result = null;
        if (!raw.isEmpty()) {
            result = processor.process(model.value(), users, raw, 1, batchTime);
            records = BatchRecord.of(result);
        }
        FoldedUsers next = users.next(result == null ? List.of() : result.folded(), batchTime, idleTimeoutMs,
                maxUsers);
        return List.of(new Result(records, next)).iterator();
    }
}
