package io.freshet.predictor.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.CorruptVersionException;
import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactRecords;
import io.freshet.artifact.ModelArtifact;
import io.freshet.ids.IdDictionary;
import io.freshet.ids.Ids;
import io.freshet.predictor.LocalSpark;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ModelLoader;
import io.freshet.serving.ModelWatcher;
import io.freshet.serving.ServingModel;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreSettings;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import io.freshet.testing.StoreEdits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A version over the broadcast budget whose manifest lists chunk digests, served through {@link BroadcastModel#serve}
 * on local Spark: the driver holds and checks only its item side, the executors check every chunk of the user side
 * (whichever users the batches ask for), the records equal those of the whole broadcast, and a changed byte fails
 * the swap where it is read (an item byte on the driver, a user or seen byte on the executors), the served version
 * staying. A version without chunk digests is loaded whole, as before.
 */
class DriverItemSideTest {
    private static final int CHUNK = 4096;
    private static final int USERS = 2000;
    private static final int ITEMS = 120;
    private static final int RANK = 6;
    /** factors.bin: user records from byte 28 to 28 + 2000 x 28 = 56028; chunk 13 (53248..57344) holds both sides. */
    private static final long ITEM_SECTION = ArtifactRecords.userRecordOffset(RANK, USERS);
    private static JavaSparkContext jsc;

    @TempDir
    Path dir;

    private ModelStore store;

    @BeforeAll
    static void startSpark() {
        jsc = LocalSpark.start(DriverItemSideTest.class);
    }

    @AfterAll
    static void stopSpark() {
        jsc.stop();
    }

    @BeforeEach
    void openStore() {
        store = ModelStore.open(dir.resolve("store").toString(), new Configuration(),
                StoreSettings.defaults().withChunkBytes(CHUNK));
    }

    private static ModelArtifact model(long seed) {
        return ModelFixtures.random(USERS, ITEMS, RANK, 5, seed);
    }

    private static List<String> outputs(BroadcastModel served, EventProcessor processor) {
        try (BroadcastModel.Lease lease = served.acquire().orElseThrow();
             ScoredBatch batch = new ScoredBatch(jsc.parallelize(BroadcastBudgetTest.events(), 3), lease, processor)) {
            return batch.outputs().collect().stream().sorted().toList();
        }
    }

    @Test
    void theDriverHoldsTheItemSideAndTheRecordsAreThoseOfTheWholeBroadcast() {
        VersionId v = ModelFixtures.publishCurrent(store, model(1));
        EventProcessor processor = new EventProcessor(5, true);
        BroadcastModel joined = new BroadcastModel(jsc, store, 0);
        BroadcastModel whole = new BroadcastModel(jsc, store, Long.MAX_VALUE);
        try {
            ServingModel held = joined.serve(v);
            assertEquals(0, held.scorer().users(), "the driver holds no users");
            assertEquals(ITEMS, held.scorer().items());
            assertEquals(USERS, whole.serve(v).scorer().users(), "within the budget: loaded whole");
            List<String> fromJoined = outputs(joined, processor);
            assertEquals(outputs(whole, processor), fromJoined);
            assertTrue(fromJoined.size() > 600, "records of the events: " + fromJoined.size());
        } finally {
            joined.close();
            whole.close();
        }
    }

    @Test
    void theBudgetIsTheSizeFromTheHeaderAndTheManifestInclusive() {
        VersionId v = ModelFixtures.publishCurrent(store, model(9));
        long seenRecords = store.manifest(v).files().get(ArtifactFiles.SEEN).bytes() - 32;
        long bytes = (long) (USERS + ITEMS) * ArtifactRecords.factorRecordBytes(RANK) + seenRecords;
        assertEquals(8L * USERS + 4L * USERS * 5, seenRecords, "8 bytes a user and 4 a seen item");
        BroadcastModel atSize = new BroadcastModel(jsc, store, bytes);
        BroadcastModel belowSize = new BroadcastModel(jsc, store, bytes - 1);
        try {
            assertEquals(USERS, atSize.serve(v).scorer().users(), "at the budget: loaded and broadcast whole");
            assertEquals(0, belowSize.serve(v).scorer().users(), "one byte over: the item side only");
        } finally {
            atSize.close();
            belowSize.close();
        }
    }

    /**
     * A changed user byte: in the first chunk of users only (chunk 0 holds the header, which the driver reads), one in
     * the middle, the last chunk of users only (12).
     */
    @ParameterizedTest(name = "byte {0}")
    @ValueSource(longs = {5_000, 30_000, 52_000})
    void aChangedUserByteFailsTheSwapOnTheExecutorsNamingFileAndChunk(long offset) {
        BroadcastModel served = new BroadcastModel(jsc, store, 0);
        ModelWatcher watcher = ModelWatcher.serving(store, served::serve, Clock.systemUTC());
        try {
            VersionId v1 = ModelFixtures.publishCurrent(store, model(2));
            assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
            VersionId v2 = ModelFixtures.publishCurrent(store, model(3));
            flipByte(v2, ArtifactFiles.FACTORS, offset);

            CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> served.serve(v2));
            long chunk = offset / CHUNK;
            assertTrue(e.getMessage().startsWith("version " + v2 + " file factors.bin: chunk " + chunk + " (bytes "
                    + chunk * CHUNK + ".."), e.getMessage());
            assertTrue(e.getMessage().endsWith("(read on the executors)"), e.getMessage());

            assertEquals(ModelWatcher.Outcome.FAILED, watcher.pollOnce());
            assertEquals(v1.value(), watcher.served().orElseThrow().version());
            assertTrue(outputs(served, new EventProcessor(5, true)).stream().allMatch(r -> r.contains(v1.value())),
                    "batches keep scoring with " + v1);
        } finally {
            served.close();
        }
    }

    @Test
    void aChangedSeenByteFailsTheSwapOnTheExecutors() {
        VersionId v = ModelFixtures.publishCurrent(store, model(4));
        flipByte(v, ArtifactFiles.SEEN, 20_000);
        BroadcastModel served = new BroadcastModel(jsc, store, 0);

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> served.serve(v));
        assertTrue(e.getMessage().startsWith("version " + v + " file seen.bin: chunk 4 (bytes 16384.."), e.getMessage());
        assertTrue(served.acquire().isEmpty(), "nothing is served");
    }

    @Test
    void aChangedItemByteFailsOnTheDriverBeforeAnyJob() {
        VersionId v = ModelFixtures.publishCurrent(store, model(5));
        flipByte(v, ArtifactFiles.FACTORS, ITEM_SECTION + 2000); // byte 58028, in chunk 14, the file's last (60356 bytes)
        BroadcastModel served = new BroadcastModel(jsc, store, 0);
        int jobsBefore = jsc.statusTracker().getJobIdsForGroup(null).length;

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> served.serve(v));
        assertEquals("version " + v + " file factors.bin: chunk 14 (bytes 57344..60356) has sha256",
                e.getMessage().substring(0, e.getMessage().indexOf(" has sha256") + " has sha256".length()));
        assertFalse(e.getMessage().contains("executors"), e.getMessage());
        assertEquals(jobsBefore, jsc.statusTracker().getJobIdsForGroup(null).length, "no Spark job ran");
        assertTrue(served.acquire().isEmpty());
    }

    @Test
    void aUserIndexBeyondAMappedVersionsDictionaryFailsOnTheExecutors() {
        long[] users = new long[USERS / 2];
        long[] items = new long[ITEMS + 1];
        for (int i = 0; i < users.length; i++) {
            users[i] = 10_000_000_000L + i;
        }
        for (int i = 0; i < items.length; i++) {
            items[i] = 20_000_000_000L + i;
        }
        VersionId v = ModelFixtures.publish(store, model(8),
                Ids.of(IdDictionary.ofLongs(users), IdDictionary.ofLongs(items)));
        BroadcastModel served = new BroadcastModel(jsc, store, 0);

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> served.serve(v));
        assertTrue(e.getMessage().startsWith("version " + v + " file ") && e.getMessage().contains(": user index ")
                && e.getMessage().contains(" is outside its dictionary (" + USERS / 2 + " ids)"), e.getMessage());
        assertTrue(served.acquire().isEmpty());
    }

    @Test
    void aVersionWithoutChunkDigestsIsLoadedWholeAndJoinedAsBefore() {
        VersionId v = ModelFixtures.publishCurrent(store, model(6));
        StoreEdits.dropChunkDigests(store, v);
        EventProcessor processor = new EventProcessor(5, true);
        BroadcastModel served = new BroadcastModel(jsc, store, 0);
        try {
            ServingModel held = served.serve(v);
            assertEquals(0, held.scorer().users(), "the broadcast holds the item side");
            try (BroadcastModel.Lease lease = served.acquire().orElseThrow()) {
                assertTrue(lease.usersJoined());
            }
            ServingModel loaded = new ModelLoader(store).load(v);
            EventProcessor.Result direct = processor.process(loaded, BroadcastBudgetTest.events());
            assertEquals(direct.outputJson().stream().sorted().toList(), outputs(served, processor));
        } finally {
            served.close();
        }
    }

    private void flipByte(VersionId v, String file, long offset) {
        StoreEdits.flipByte(store, v, file, offset);
    }
}
