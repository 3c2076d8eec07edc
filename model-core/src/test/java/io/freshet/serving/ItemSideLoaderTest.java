package io.freshet.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreSettings;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import io.freshet.testing.StoreEdits;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's item-side load ({@link ItemSideLoader}): it gives the items and popularity of the whole load, asks
 * the heap for what it reads only, never reads the user records or seen.bin (a changed byte there does not stop it,
 * while the whole load refuses the version), and refuses a changed item byte naming the file and chunk.
 */
class ItemSideLoaderTest {
    private static final int CHUNK = 1024;
    private static final int USERS = 400;
    private static final int ITEMS = 50;
    private static final int RANK = 4;
    private static final int SEEN = 5;
    /** factors.bin: users from byte 28, items from 28 + 400 x 20 = 8028 (chunk 7 holds both), popular from 9028. */
    private static final long ITEM_SECTION = ArtifactRecords.userRecordOffset(RANK, USERS);

    @TempDir
    Path dir;

    private ModelStore store;
    private final ModelArtifact artifact = ModelFixtures.random(USERS, ITEMS, RANK, SEEN, 11);
    private VersionId id;

    @BeforeEach
    void publish() {
        store = ModelStore.open(dir.resolve("store").toString(), new Configuration(),
                StoreSettings.defaults().withChunkBytes(CHUNK));
        id = ModelFixtures.publishCurrent(store, artifact);
    }

    private ItemSideLoader.ItemSide itemSide(HeapBudget heap) {
        return new ItemSideLoader(store, heap).load(id, store.manifest(id));
    }

    @Test
    void theItemSideIsTheWholeLoadsItemsAndPopularityWithNoUsers() {
        Manifest manifest = store.manifest(id);
        assertTrue(ItemSideLoader.splittable(manifest));
        ModelLoader.Loaded whole = new ModelLoader(store).loadWithFactors(id);
        ItemSideLoader.ItemSide side = itemSide(HeapBudget.ofThisJvm());

        assertEquals(0, side.model().scorer().users());
        assertEquals(ITEMS, side.model().scorer().items());
        assertArrayEquals(whole.model().popularItems(), side.model().popularItems());
        assertArrayEquals(whole.model().popularCounts(), side.model().popularCounts());
        for (int row = 0; row < ITEMS; row++) {
            assertEquals(whole.model().scorer().similarItems(row, 10), side.model().scorer().similarItems(row, 10),
                    "similar items of item row " + row);
        }
        io.freshet.scoring.Scorer joined = side.model().scorer().withUsers(whole.users(), artifact.seen());
        for (int row = 0; row < USERS; row += 37) {
            assertEquals(whole.model().scorer().topN(row, 5, true), joined.topN(row, 5, true), "user row " + row);
        }
        UserSide users = side.users();
        assertEquals(USERS, users.users());
        assertEquals(RANK, users.rank());
        assertEquals(-1, users.userIndexLimit());
        assertTrue(users.checked());
        assertEquals(manifest.files().get(ArtifactFiles.FACTORS), users.factors());
        long seenRecords = 8L * USERS + 4L * USERS * SEEN;
        assertEquals((long) USERS * ArtifactRecords.factorRecordBytes(RANK) + seenRecords, users.bytes());
        assertEquals(id.value(), side.model().version());
    }

    @Test
    void itAsksTheHeapForTheItemSideOnly() {
        long itemBytes = manifestBytes(ArtifactFiles.FACTORS) - ITEM_SECTION;
        HeapBudget enoughForItems = HeapBudget.fixed(ModelLoader.HEAP_PER_FILE_BYTE * itemBytes);
        assertThrows(ModelTooLargeException.class, () -> new ModelLoader(store, enoughForItems).load(id),
                "the whole load needs more");
        assertEquals(ITEMS, itemSide(enoughForItems).model().scorer().items());
        ModelTooLargeException e = assertThrows(ModelTooLargeException.class,
                () -> itemSide(HeapBudget.fixed(ModelLoader.HEAP_PER_FILE_BYTE * itemBytes - 1)));
        assertTrue(e.getMessage().startsWith("the item side of version " + id), e.getMessage());
    }

    @Test
    void aChangedUserByteOrSeenByteDoesNotReachTheItemSideLoadButTheWholeLoadRefusesIt() {
        flipByte(ArtifactFiles.FACTORS, 2000); // chunk 1: user records only
        flipByte(ArtifactFiles.SEEN, 500);

        assertThrows(CorruptVersionException.class, () -> new ModelLoader(store).load(id));
        assertEquals(ITEMS, itemSide(HeapBudget.ofThisJvm()).model().scorer().items());
    }

    @Test
    void aChangedItemByteFailsTheItemSideLoadNamingFileAndChunk() {
        flipByte(ArtifactFiles.FACTORS, ITEM_SECTION + 500); // byte 8528, chunk 8

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> itemSide(HeapBudget.ofThisJvm()));
        assertTrue(e.getMessage().startsWith("version " + id + " file factors.bin: chunk 8 (bytes 8192..9216) has sha256"),
                e.getMessage());
    }

    @Test
    void aChangedHeaderByteFailsTheShape() {
        flipByte(ArtifactFiles.FACTORS, 17); // the user count

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> itemSide(HeapBudget.ofThisJvm()));
        assertTrue(e.getMessage().startsWith("version " + id + " file factors.bin: chunk 0 "), e.getMessage());
    }

    @Test
    void aVersionWithoutChunkDigestsIsNotSplittable() {
        StoreEdits.dropChunkDigests(store, id);

        assertFalse(ItemSideLoader.splittable(store.manifest(id)));
        assertThrows(IllegalArgumentException.class, () -> itemSide(HeapBudget.ofThisJvm()));
        assertEquals(USERS, new ModelLoader(store).load(id).scorer().users(), "served whole, as before");
    }

    @Test
    void aMappedIdVersionHasItsDictionariesReadWholeAndHandsTheUserDictionarySizeToTheUserSide() {
        Ids ids = Ids.of(IdDictionary.ofLongs(longIds(USERS + 1)), IdDictionary.ofLongs(longIds(ITEMS + 1)));
        VersionId mapped = ModelFixtures.publish(store, artifact, ids);

        ItemSideLoader.ItemSide side = new ItemSideLoader(store).load(mapped, store.manifest(mapped));
        assertTrue(side.model().ids().mapped());
        assertEquals(USERS + 1, side.model().ids().users().size(), "the user dictionary travels with the items");
        assertEquals(USERS + 1, side.users().userIndexLimit());
        assertEquals(ITEMS, side.model().scorer().items());
    }

    /** {@code n} ascending 64-bit ids beyond the int range. */
    private static long[] longIds(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 10_000_000_000L + 7L * i;
        }
        return ids;
    }

    private long manifestBytes(String file) {
        return store.manifest(id).files().get(file).bytes();
    }

    private void flipByte(String file, long offset) {
        StoreEdits.flipByte(store, id, file, offset);
    }
}
