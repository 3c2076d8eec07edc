package io.freshet.predictor.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshet.predictor.LocalSpark;
import io.freshet.serving.ModelWatcher;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BroadcastBlockId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Many reloads do not pile broadcasts up: after each swap the replaced model's blocks leave the block
 * managers once its last batch is done, as Spark's own block manager master reports them.
 */
class BroadcastReleaseIT {
    private static final int RELOADS = 50;
    private static final Duration REMOVAL_DEADLINE = Duration.ofSeconds(30);
    private static JavaSparkContext jsc;

    @TempDir
    Path dir;

    private ModelStore store;
    private BroadcastModel served;
    private ModelWatcher watcher;
    /** The ids of the model broadcasts the test made, to tell them from Spark's own (task binaries). */
    private final Set<Long> modelBroadcasts = new TreeSet<>();

    @BeforeAll
    static void startSpark() {
        jsc = LocalSpark.start(BroadcastReleaseIT.class);
    }

    @AfterAll
    static void stopSpark() {
        jsc.stop();
    }

    @BeforeEach
    void serveFromAnEmptyStore() {
        store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
        served = new BroadcastModel(jsc);
        watcher = new ModelWatcher(store, served, Clock.systemUTC());
    }

    /** The model broadcasts that have blocks in some block manager, asking each block manager. */
    private Set<Long> holdingBlocks() {
        scala.collection.immutable.Seq<BlockId> blocks = SparkEnv.get().blockManager().master()
                .getMatchingBlockIds(b -> b instanceof BroadcastBlockId, true);
        Set<Long> holding = new TreeSet<>();
        for (BlockId b : CollectionConverters.asJava(blocks)) {
            long id = ((BroadcastBlockId) b).broadcastId();
            if (modelBroadcasts.contains(id)) {
                holding.add(id);
            }
        }
        return holding;
    }

    /** Polls until {@code actual} equals {@code expected}; fails with the last value at the deadline. */
    private static <T> void awaitEquals(T expected, Supplier<T> actual, String what) throws InterruptedException {
        long deadline = System.nanoTime() + REMOVAL_DEADLINE.toNanos();
        T last = actual.get();
        while (!expected.equals(last)) {
            if (System.nanoTime() > deadline) {
                assertEquals(expected, last, what + " (after " + REMOVAL_DEADLINE + ")");
            }
            Thread.sleep(50);
            last = actual.get();
        }
    }

    /** One reload: publish a new version, poll it in, and return the new broadcast's lease (held by the caller). */
    private BroadcastModel.Lease reload(long seed) {
        VersionId v = ModelFixtures.publishCurrent(store, ModelFixtures.random(100, 50, 4, 3, seed));
        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        BroadcastModel.Lease lease = served.acquire().orElseThrow();
        assertEquals(v.value(), lease.version());
        assertEquals(List.of(v.value()), LocalBatch.versions(LocalBatch.score(jsc, lease)), "the batch used version " + v);
        modelBroadcasts.add(lease.broadcast().id());
        return lease;
    }

    @Test
    void fiftyReloadsLeaveOnlyTheServedModelsBroadcastOnTheExecutors() throws InterruptedException {
        BroadcastModel.Lease first = reload(0);
        long firstId = first.broadcast().id();
        first.close();
        assertEquals(Set.of(firstId), holdingBlocks(), "the served model is on the executors");

        long servedId = firstId;
        for (int i = 1; i <= RELOADS; i++) {
            try (BroadcastModel.Lease lease = reload(i)) {
                servedId = lease.broadcast().id();
            }
        }
        assertEquals(RELOADS + 1, modelBroadcasts.size());
        long current = servedId;
        awaitEquals(Set.of(current), () -> holdingBlocks(), "broadcasts with blocks after " + RELOADS
                + " reloads");

        served.close();
        awaitEquals(Set.of(), () -> holdingBlocks(), "broadcasts with blocks after close()");
    }

    @Test
    void replacedBroadcastsStayWhileTheirBatchesHoldThemAndGoWhenReleased() throws InterruptedException {
        List<BroadcastModel.Lease> held = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            held.add(reload(100 + i));
        }
        // Nothing may remove a broadcast a batch still holds: the storage grows with every reload.
        assertEquals(20, holdingBlocks().size());

        long current = held.get(held.size() - 1).broadcast().id();
        held.forEach(BroadcastModel.Lease::close);
        awaitEquals(Set.of(current), () -> holdingBlocks(), "broadcasts with blocks once released");
        try (BroadcastModel.Lease stillServed = served.acquire().orElseThrow()) {
            assertEquals(current, stillServed.broadcast().id(), "the served model survives its batches");
        }
        served.close();
    }
}
