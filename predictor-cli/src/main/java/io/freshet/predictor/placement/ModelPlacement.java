package io.freshet.predictor.placement;

import io.freshet.artifact.ArtifactRecords;
import io.freshet.scoring.Scorer;
import io.freshet.serving.ServingModel;
import io.freshet.store.ModelStore;
import java.util.function.Function;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how a version reaches the executors ({@code --broadcast-max-mb}): a model whose size fits the broadcast
 * budget is broadcast whole; a larger one has its items broadcast and its users joined ({@link JoinedUsers}).
 * The size counted is what a broadcast would carry: the factor records of users and items (id and rank floats,
 * as in factors.bin) and 4 bytes per seen-item entry.
 */
final class ModelPlacement implements Function<ServingModel, PlacedModel> {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPlacement.class);
    /** Largest share of the user side one partition should hold (the partition count grows to keep under it). */
    static final long PARTITION_BYTES = 128L << 20;

    private final JavaSparkContext jsc;
    private final ModelStore store;
    private final long budgetBytes;

    ModelPlacement(JavaSparkContext jsc, ModelStore store, long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("broadcast budget must not be negative, got " + budgetBytes + " bytes");
        }
        this.jsc = jsc;
        this.store = store;
        this.budgetBytes = budgetBytes;
    }

    /** The bytes of a model as the budget counts them. */
    static long bytes(ServingModel model) {
        Scorer s = model.scorer();
        return userSideBytes(model) + (long) s.items() * ArtifactRecords.factorRecordBytes(s.rank());
    }

    /** The bytes of the user side alone: user factor records and seen entries. */
    static long userSideBytes(ServingModel model) {
        Scorer s = model.scorer();
        return (long) s.users() * ArtifactRecords.factorRecordBytes(s.rank()) + s.seenEntries() * Integer.BYTES;
    }

    /** Partitions of a joined user side: Spark's default parallelism, more when a partition would exceed {@link #PARTITION_BYTES}. */
    static int partitions(int defaultParallelism, long userSideBytes) {
        long bySize = (userSideBytes + PARTITION_BYTES - 1) / PARTITION_BYTES;
        return (int) Math.max(Math.max(1, defaultParallelism), Math.min(bySize, Integer.MAX_VALUE));
    }

    @Override
    public PlacedModel apply(ServingModel model) {
        long bytes = bytes(model);
        if (bytes <= budgetBytes) {
            LOG.info("version {}: {} bytes, within the broadcast budget of {} bytes: broadcast whole", model.version(),
                    bytes, budgetBytes);
            return new FullBroadcast(jsc, model);
        }
        long userBytes = userSideBytes(model);
        int partitions = partitions(jsc.defaultParallelism(), userBytes);
        long t0 = System.nanoTime();
        JoinedUsers joined = JoinedUsers.place(jsc, store, model, new HashPartitioner(partitions));
        LOG.info("version {}: {} bytes, over the broadcast budget of {} bytes: items broadcast, {} users ({} bytes) "
                + "read by the executors into {} cached partitions in {} ms", model.version(), bytes, budgetBytes,
                model.scorer().users(), userBytes, partitions, (System.nanoTime() - t0) / 1_000_000);
        return joined;
    }
}
