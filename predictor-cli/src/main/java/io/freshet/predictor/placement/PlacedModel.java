package io.freshet.predictor.placement;

import io.freshet.predictor.executor.BatchRecord;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ServingModel;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * One model version made available to the executors, on the driver: how a batch scores its events with it and
 * how to free it. Two ways, chosen by {@link ModelPlacement}: the whole model broadcast ({@link FullBroadcast}),
 * or the items broadcast and the users joined from a cached RDD ({@link JoinedUsers}). Both give the same records
 * for the same events. {@link BroadcastModel} holds the one served and releases a replaced one after its last batch.
 */
interface PlacedModel {
    String version();

    /** The broadcast model: the whole model, or its item side (items and popularity, no users). */
    Broadcast<ServingModel> broadcast();

    /** True when the users are a cached RDD joined per batch rather than part of the broadcast. */
    boolean usersJoined();

    /** True when the model can fold ratings (it holds its training ratings) and is broadcast whole. */
    default boolean folds() {
        return false;
    }

    /**
     * A batch's records, computed lazily on the executors: one per output record and per error record, in input
     * order within a partition.
     */
    JavaRDD<BatchRecord> score(JavaRDD<String> events, EventProcessor processor);

    /** Removes what this placement put on the executors (broadcast blocks, cached partitions). Called once. */
    void release();
}
