package io.freshet.trainer;

import io.freshet.store.ModelStore;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * Where and how often ALS checkpoints its factors. Without checkpoints each iteration adds to the lineage of the
 * factor RDDs, and a fit of many iterations (60 on any data set) overflows the stack serializing its tasks.
 */
final class CheckpointOptions {
    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "Where ALS checkpoints its factors; executors must reach it (HDFS on a cluster). Default: "
                    + "Spark's spark.checkpoint.dir when set, else a scratch directory in the store, deleted after "
                    + "the run.")
    String dir;

    @Option(names = "--checkpoint-interval", defaultValue = "10", paramLabel = "N",
            description = "Checkpoint every N ALS iterations (default: ${DEFAULT-VALUE}); -1 turns checkpoints off.")
    int interval;

    /** IllegalArgumentException naming the option when its value is not allowed. */
    void validate() {
        if (interval == 0 || interval < -1) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 1, or -1 for none, got " + interval);
        }
    }

    /**
     * Sets up checkpointing for the fits of {@code spark}: the interval ALS reads, and a checkpoint directory when
     * Spark has none. Returns what to close after the run (the store's scratch directory, if one was made).
     */
    AutoCloseable apply(SparkSession spark, ModelStore store) {
        spark.conf().set(AlsFitter.CHECKPOINT_INTERVAL, Integer.toString(interval));
        SparkContext sc = spark.sparkContext();
        if (interval == -1) {
            return () -> { };
        }
        if (dir != null) {
            sc.setCheckpointDir(dir);
            return () -> { };
        }
        if (sc.getCheckpointDir().isDefined()) {
            return () -> { };
        }
        ModelStore.Scratch scratch = store.scratch("als-checkpoints");
        sc.setCheckpointDir(scratch.path().toString());
        return scratch;
    }
}
