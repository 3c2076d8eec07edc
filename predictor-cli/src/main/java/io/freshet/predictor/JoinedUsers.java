package io.freshet.predictor;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import io.freshet.events.EventCodec;
import io.freshet.events.ParsedEvent;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ServingModel;
import io.freshet.store.ModelStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * A model over the broadcast budget. The item side (item factors, popularity) is broadcast; the user side is a
 * cached RDD with one {@link UserBlock} per partition of a {@link HashPartitioner} on the user id, read from the
 * version's files by the executors once per version ({@link UserSideLoader}). A batch keys its events by user and
 * moves them, the small side, to that partitioner; each partition is then zipped with the user block of the same
 * partition (co-partitioned: the user side never moves) and scored by the shared {@link EventProcessor} over the
 * broadcast items and the partition's requested users. The records equal those of a whole broadcast; only their
 * order within a batch differs (grouped by partition).
 */
final class JoinedUsers implements PlacedModel {
    private final Broadcast<ServingModel> items;
    private final JavaRDD<UserBlock> users;
    private final HashPartitioner partitioner;
    private final String version;

    private JoinedUsers(Broadcast<ServingModel> items, JavaRDD<UserBlock> users, HashPartitioner partitioner,
                        String version) {
        this.items = items;
        this.users = users;
        this.partitioner = partitioner;
        this.version = version;
    }

    /** Broadcasts the item side and builds the cached user side; on failure nothing is left on the executors. */
    static JoinedUsers place(JavaSparkContext jsc, ModelStore store, ServingModel model, HashPartitioner partitioner) {
        int rank = model.scorer().rank();
        ServingModel itemSide = model.withUsers(new FactorMatrix(rank, new int[0], new float[0]), SeenItems.empty());
        Broadcast<ServingModel> items = jsc.broadcast(itemSide);
        try {
            JavaRDD<UserBlock> users = UserSideLoader.load(jsc, store, model, partitioner);
            return new JoinedUsers(items, users, partitioner, model.version());
        } catch (RuntimeException e) {
            items.destroy();
            throw e;
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Broadcast<ServingModel> broadcast() {
        return items;
    }

    @Override
    public boolean usersJoined() {
        return true;
    }

    /** The cached user side (tests look it up among Spark's persistent RDDs). */
    JavaRDD<UserBlock> users() {
        return users;
    }

    @Override
    public JavaRDD<String> score(JavaRDD<String> events, EventProcessor processor) {
        return events.mapPartitionsToPair(new KeyByUser()).partitionBy(partitioner)
                .zipPartitions(users, new ScoreWithUsers(items, processor));
    }

    @Override
    public void release() {
        items.destroy();
        users.unpersist(false);
    }

    /**
     * Keys each event by its user so that it meets its user's partition. Blank lines are dropped here (they are
     * not events); a malformed event has no user and is keyed by its text's hash, only to spread such events: the
     * partition that gets it reports it as the broadcast path does.
     */
    static final class KeyByUser implements PairFlatMapFunction<Iterator<String>, Integer, String> {
        @Override
        public Iterator<Tuple2<Integer, String>> call(Iterator<String> events) {
            List<Tuple2<Integer, String>> keyed = new ArrayList<>();
            while (events.hasNext()) {
                String raw = events.next();
                if (raw != null && EventCodec.isBlank(raw)) {
                    continue;
                }
                int key = EventCodec.parse(raw) instanceof ParsedEvent.Ok ok ? ok.event().user() : Objects.hashCode(raw);
                keyed.add(new Tuple2<>(key, raw));
            }
            return keyed.iterator();
        }
    }

    /** Scores one partition of keyed events with the broadcast items and the users of the same partition. */
    static final class ScoreWithUsers
            implements FlatMapFunction2<Iterator<Tuple2<Integer, String>>, Iterator<UserBlock>, String> {
        private final Broadcast<ServingModel> items;
        private final EventProcessor processor;

        ScoreWithUsers(Broadcast<ServingModel> items, EventProcessor processor) {
            this.items = items;
            this.processor = processor;
        }

        @Override
        public Iterator<String> call(Iterator<Tuple2<Integer, String>> events, Iterator<UserBlock> blocks) {
            List<String> raw = new ArrayList<>();
            int[] keys = new int[16];
            while (events.hasNext()) {
                Tuple2<Integer, String> e = events.next();
                if (raw.size() == keys.length) {
                    keys = java.util.Arrays.copyOf(keys, keys.length * 2);
                }
                keys[raw.size()] = e._1();
                raw.add(e._2());
            }
            if (raw.isEmpty()) {
                return Collections.emptyIterator();
            }
            if (!blocks.hasNext()) {
                throw new IllegalStateException("the cached users of version " + items.value().version()
                        + " have no block for this partition");
            }
            UserBlock.Selection wanted = blocks.next().select(java.util.Arrays.copyOf(keys, raw.size()));
            ServingModel model = items.value().withUsers(wanted.users(), wanted.seen());
            return ScoredBatch.tag(processor.process(model, raw)).iterator();
        }
    }
}
