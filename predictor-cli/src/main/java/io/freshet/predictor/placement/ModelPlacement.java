package io.freshet.predictor.placement;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactRecords;
import io.freshet.scoring.Scorer;
import io.freshet.serving.ItemSideLoader;
import io.freshet.serving.ModelLoader;
import io.freshet.serving.ServingModel;
import io.freshet.serving.UserSide;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.util.function.Function;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how a version reaches the executors ({@code --broadcast-max-mb}): a model whose size fits the broadcast
 * budget is broadcast whole; a larger one has its items broadcast and its users joined ({@link JoinedUsers}).
 * The size counted is what a broadcast would carry: the factor records of users and items (id and rank floats,
 * as in factors.bin) and the seen items (for a loaded model 4 bytes per seen-item entry; for a version placed by
 * {@link #place} seen.bin's records, which add 8 bytes a user).
 *
 * <p>{@link #place} loads what it places: a version whose manifest lists chunk digests and that is over the budget
 * has only its item side read by the driver ({@link ItemSideLoader}), the executors checking the chunks of the user
 * side they read; any other version is loaded whole ({@link ModelLoader}) and placed by {@link #apply}.
 */
final class ModelPlacement implements Function<ServingModel, PlacedModel> {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPlacement.class);
    /** Largest share of the user side one partition should hold (the partition count grows to keep under it). */
    static final long PARTITION_BYTES = 128L << 20;

    private final JavaSparkContext jsc;
    private final ModelStore store;
    private final long budgetBytes;
    private final ModelLoader wholeLoads;
    private final ItemSideLoader itemSideLoads;

    ModelPlacement(JavaSparkContext jsc, ModelStore store, long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("broadcast budget must not be negative, got " + budgetBytes + " bytes");
        }
        this.jsc = jsc;
        this.store = store;
        this.budgetBytes = budgetBytes;
        this.wholeLoads = new ModelLoader(store);
        this.itemSideLoads = new ItemSideLoader(store);
    }

    /**
     * Loads and places version {@code id}: its item side alone when it can be split and is over the budget. A version
     * whose factors.bin and seen.bin together fit the budget (they hold at least what the budget counts) is loaded
     * whole without reading its header first.
     */
    PlacedModel place(VersionId id) {
        Manifest manifest = store.manifest(id);
        if (ItemSideLoader.splittable(manifest) && listed(manifest, ArtifactFiles.FACTORS).bytes()
                + listed(manifest, ArtifactFiles.SEEN).bytes() > budgetBytes) {
            ItemSideLoader.Shape shape = itemSideLoads.shape(id, manifest);
            if (shape.bytes() > budgetBytes) {
                long t0 = System.nanoTime();
                ItemSideLoader.ItemSide side = itemSideLoads.load(id, manifest, shape);
                LOG.info("version {}: {} bytes, over the broadcast budget of {} bytes: the driver read and checked its "
                        + "item side ({} items) in {} ms", id, shape.bytes(), budgetBytes, side.model().scorer().items(),
                        (System.nanoTime() - t0) / 1_000_000);
                return joined(side.model(), side.users(), shape.bytes());
            }
        }
        return apply(wholeLoads.load(id));
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
        Manifest manifest = store.manifest(VersionId.parse(model.version()));
        UserSide users = new UserSide(model.version(), model.scorer().rank(), model.scorer().users(),
                userSideBytes(model), listed(manifest, ArtifactFiles.FACTORS), listed(manifest, ArtifactFiles.SEEN), -1);
        return joined(model, users, bytes);
    }

    private static Manifest.FileEntry listed(Manifest manifest, String file) {
        Manifest.FileEntry entry = manifest.files().get(file);
        if (entry == null) {
            throw new io.freshet.CorruptVersionException("version " + manifest.id() + " file " + file
                    + ": not listed in manifest.json");
        }
        return entry;
    }

    /** Places {@code model}'s item side broadcast and {@code users} joined, read by the executors. */
    private PlacedModel joined(ServingModel model, UserSide users, long bytes) {
        int partitions = partitions(jsc.defaultParallelism(), users.bytes());
        long t0 = System.nanoTime();
        JoinedUsers joined = JoinedUsers.place(jsc, store, model, users, new HashPartitioner(partitions));
        LOG.info("version {}: {} bytes, over the broadcast budget of {} bytes: items broadcast, {} users ({} bytes) "
                + "read{} by the executors into {} cached partitions in {} ms", model.version(), bytes, budgetBytes,
                users.users(), users.bytes(), users.checked() ? " and checked" : "", partitions,
                (System.nanoTime() - t0) / 1_000_000);
        return joined;
    }
}
