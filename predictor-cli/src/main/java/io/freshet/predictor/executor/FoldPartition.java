package io.freshet.predictor.executor;

import io.freshet.fold.FoldedUser;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ServingModel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Scores one partition of a batch's events, keyed by user, with the fold-in state of the same users (the state
 * partition of the same index: both are hash-partitioned by user the same way), and gives back the partition's
 * records and its next state: the old state with the batch's changes, less the users idle for longer than the
 * idle timeout and, over the partition's share of the user bound, the least recently active.
 */
public final class FoldPartition implements FlatMapFunction2<Iterator<Tuple2<Integer, String>>,
        Iterator<Tuple2<Integer, FoldedUser>>, FoldPartition.Result> {
    private static final long serialVersionUID = 1L;

    /** One partition's records, its next state, and how many users it dropped (idle, or over the bound). */
    public record Result(List<BatchRecord> records, List<FoldedUser> state, int evicted) implements Serializable {
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
    public Iterator<Result> call(Iterator<Tuple2<Integer, String>> events, Iterator<Tuple2<Integer, FoldedUser>> state) {
        Map<Integer, FoldedUser> users = new HashMap<>();
        state.forEachRemaining(s -> users.put(s._1(), s._2()));
        List<String> raw = new ArrayList<>();
        events.forEachRemaining(e -> raw.add(e._2()));
        List<BatchRecord> records = List.of();
        if (!raw.isEmpty()) {
            EventProcessor.Result result = processor.process(model.value(), users::get, raw, 1, batchTime);
            records = BatchRecord.of(result);
            result.folded().forEach(f -> users.put(f.user(), f));
        }
        int before = users.size();
        users.values().removeIf(u -> batchTime - u.lastActive() > idleTimeoutMs);
        List<FoldedUser> kept = new ArrayList<>(users.values());
        if (kept.size() > maxUsers) {
            kept.sort(Comparator.comparingLong(FoldedUser::lastActive).reversed()
                    .thenComparingInt(FoldedUser::user));
            kept = new ArrayList<>(kept.subList(0, maxUsers));
        }
        return List.of(new Result(records, kept, before - kept.size())).iterator();
    }
}
