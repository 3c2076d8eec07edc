package io.freshet.predictor.placement;

import io.freshet.predictor.executor.BatchRecord;
import io.freshet.predictor.executor.PartitionScoring;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ServingModel;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** A model within the broadcast budget: broadcast whole, each partition of a batch scored on its own (no shuffle). */
final class FullBroadcast implements PlacedModel {
    private final Broadcast<ServingModel> broadcast;
    private final String version;
    private final boolean folds;

    FullBroadcast(JavaSparkContext jsc, ServingModel model) {
        this.broadcast = jsc.broadcast(model);
        this.version = model.version();
        this.folds = model.folds();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Broadcast<ServingModel> broadcast() {
        return broadcast;
    }

    @Override
    public boolean folds() {
        return folds;
    }

    @Override
    public boolean usersJoined() {
        return false;
    }

    @Override
    public JavaRDD<BatchRecord> score(JavaRDD<String> events, EventProcessor processor) {
        return events.mapPartitions(new PartitionScoring.Whole(broadcast, processor));
    }

    @Override
    public void release() {
        broadcast.destroy();
    }
}
