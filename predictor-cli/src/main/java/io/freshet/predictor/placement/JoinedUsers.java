package io.freshet.predictor.placement;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import io.freshet.predictor.executor.BatchRecord;
import io.freshet.predictor.executor.PartitionScoring;
import io.freshet.predictor.executor.UserBlock;
import io.freshet.predictor.executor.UserSideLoader;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ServingModel;
import io.freshet.serving.UserSide;
import io.freshet.store.ModelStore;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

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

    /**
     * Broadcasts the item side of {@code model} (its users, if it holds any, left out) and builds the cached user side
     * {@code userSide} describes; on failure nothing is left on the executors.
     */
    static JoinedUsers place(JavaSparkContext jsc, ModelStore store, ServingModel model, UserSide userSide,
                             HashPartitioner partitioner) {
        int rank = model.scorer().rank();
        ServingModel itemSide = model.scorer().users() == 0 ? model
                : model.withUsers(new FactorMatrix(rank, new int[0], new float[0]), SeenItems.empty());
        Broadcast<ServingModel> items = jsc.broadcast(itemSide);
        try {
            JavaRDD<UserBlock> users = UserSideLoader.load(jsc, store, userSide, partitioner);
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
    public JavaRDD<BatchRecord> score(JavaRDD<String> events, EventProcessor processor) {
        return events.mapPartitionsToPair(new PartitionScoring.KeyByUser(items)).partitionBy(partitioner)
                .zipPartitions(users, new PartitionScoring.WithUsers(items, processor));
    }

    @Override
    public void release() {
        items.destroy();
        users.unpersist(false);
    }
}
