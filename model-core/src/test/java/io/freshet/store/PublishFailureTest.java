package io.freshet.store;

import static io.freshet.store.StoreFixtures.exists;
import static io.freshet.store.StoreFixtures.manifest;
import static io.freshet.store.StoreFixtures.versionFiles;
import static io.freshet.store.StoreFixtures.writeFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.CorruptVersionException;
import io.freshet.store.FaultyFileSystem.Fault;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each step of publishing (and of moving the pointer) failing on a real file system that misbehaves on
 * purpose ({@link FaultyFileSystem}): the error names the path, nothing new appears under versions/,
 * no temporary is left, and CURRENT still names the version it named before.
 */
class PublishFailureTest {
    @TempDir
    java.nio.file.Path dir;

    /** Moved on after each publish, so that versions made within one second still sort by publishing order. */
    private final MutableClock clock = new MutableClock(Instant.now());
    private ModelStore store;
    private FileSystem fs;
    private Path root;
    private VersionId before;
    private ModelStore.PendingVersion pending;

    @BeforeEach
    void storeWithOnePromotedVersion() {
        Configuration conf = FaultyFileSystem.configuration();
        store = ModelStore.open("faulty://" + dir.resolve("store").toAbsolutePath(), conf,
                StoreSettings.defaults().withLockWait(Duration.ofMillis(200)).withClock(clock));
        fs = store.fileSystem();
        root = new Path(store.uri());
        before = publishOne();
        store.promote(before);
        clock.advance(Duration.ofMinutes(1));
        pending = store.begin();
        writeFiles(fs, pending.path(), versionFiles(2));
    }

    @AfterEach
    void healTheFileSystem() {
        FaultyFileSystem.reset();
    }

    private VersionId publishOne() {
        ModelStore.PendingVersion fresh = store.begin();
        writeFiles(fs, fresh.path(), versionFiles(1));
        VersionId id = store.publish(fresh, manifest(fresh.id(), clock.instant(), Manifest.ACCEPTED));
        clock.advance(Duration.ofMinutes(1));
        return id;
    }

    private VersionId publishPending() {
        return store.publish(pending, manifest(pending.id(), clock.instant(), Manifest.ACCEPTED));
    }

    private void assertNothingChanged() {
        FaultyFileSystem.reset();
        assertEquals(List.of(before), store.versions());
        assertEquals(List.of(before.value()), names(new Path(root, "versions")));
        assertEquals(List.of(), names(new Path(root, "_tmp")), "no temporary is left behind");
        assertEquals(Optional.of(before), store.pointer());
        assertEquals(Optional.of(before), store.current());
        assertFalse(exists(fs, new Path(root, "_lock")));
    }

    private List<String> names(Path path) {
        try {
            return Arrays.stream(fs.listStatus(path)).map(s -> s.getPath().getName()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void renameReturningFalseFailsThePublishNamingBothPaths() {
        FaultyFileSystem.inject(Fault.RENAME_RETURNS_FALSE, "versions");

        StoreException e = assertThrows(StoreException.class, this::publishPending);

        assertTrue(e.getMessage().contains(pending.path().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("versions/" + pending.id()), e.getMessage());
        assertTrue(e.getMessage().contains("returned false"), e.getMessage());
        assertNothingChanged();
    }

    @Test
    void renameThrowingFailsThePublish() {
        FaultyFileSystem.inject(Fault.RENAME_THROWS, "versions");

        StoreException e = assertThrows(StoreException.class, this::publishPending);

        assertTrue(e.getMessage().contains("injected"), e.getMessage());
        assertTrue(e.getMessage().contains(pending.path().toString()), e.getMessage());
        assertNothingChanged();
    }

    @Test
    void aRenameThatThrowsAfterTakingEffectPublishesAndOneThatCannotBeToldIsOutcomeUnknown() {
        FaultyFileSystem.inject(Fault.RENAME_THROWS_AFTER, "versions");
        VersionId published = publishPending();
        FaultyFileSystem.reset();
        assertEquals(List.of(before, published), store.versions());
        store.verify(published);

        ModelStore.PendingVersion next = store.begin();
        writeFiles(fs, next.path(), versionFiles(3));
        FaultyFileSystem.inject(Fault.RENAME_THROWS_AFTER_THEN_UNREADABLE, "versions");
        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                () -> store.publish(next, manifest(next.id(), clock.instant(), Manifest.ACCEPTED)));
        assertTrue(e.getMessage().contains("threw after it was issued") && e.getMessage().contains("trainer list"),
                e.getMessage());
        FaultyFileSystem.reset();
        assertTrue(store.versions().contains(next.id()), "it took effect, which the store could not tell");
        store.verify(next.id());
    }

    @Test
    void aPointerReplaceThatThrowsAfterTakingEffectMovesThePointerAndOneThatCannotBeToldIsOutcomeUnknown() {
        VersionId second = publishPending();
        FaultyFileSystem.inject(Fault.RENAME_THROWS_AFTER, "store");
        assertEquals(Optional.of(before), store.promote(second));
        FaultyFileSystem.reset();
        assertEquals(Optional.of(second), store.pointer());

        FaultyFileSystem.inject(Fault.RENAME_THROWS_AFTER_THEN_UNREADABLE, "store");
        assertThrows(OutcomeUnknownException.class, () -> store.promote(before));
        FaultyFileSystem.reset();
        assertEquals(Optional.of(before), store.pointer(), "it took effect, which the store could not tell");
    }

    @Test
    void manifestCreateThrowingFailsThePublishNamingTheManifest() {
        FaultyFileSystem.inject(Fault.CREATE_THROWS, "manifest.json");

        StoreException e = assertThrows(StoreException.class, this::publishPending);

        assertTrue(e.getMessage().contains(pending.path() + "/manifest.json"), e.getMessage());
        assertNothingChanged();
    }

    @Test
    void manifestWriteFailingFailsThePublish() {
        FaultyFileSystem.inject(Fault.WRITE_THROWS, "manifest.json");

        StoreException e = assertThrows(StoreException.class, this::publishPending);

        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
        assertNothingChanged();
    }

    @Test
    void aFullLocalDiskWritingTheManifestOrADraftFileIsAStoreErrorNamingTheFile() {
        FaultyFileSystem.inject(Fault.WRITE_FS_ERROR, "manifest.json");
        StoreException manifest = assertThrows(StoreException.class, this::publishPending);
        assertTrue(manifest.getMessage().contains("manifest.json")
                && manifest.getMessage().contains("No space left on device"), manifest.getMessage());
        assertNothingChanged();

        FaultyFileSystem.inject(Fault.WRITE_FS_ERROR, "factors.bin");
        ModelStore.PendingVersion draft = store.begin();
        java.io.IOException write = assertThrows(java.io.IOException.class, () -> {
            try (java.io.OutputStream out = draft.create("factors.bin")) {
                out.write(new byte[] {1, 2, 3});
            }
        });
        assertTrue(write.getMessage().contains(draft.path() + "/factors.bin")
                && write.getMessage().contains("No space left on device"), write.getMessage());
        draft.discard();
    }

    @Test
    void aManifestSilentlyCutShortIsCaughtWhenReadBack() {
        FaultyFileSystem.inject(Fault.WRITE_TRUNCATES, "manifest.json");

        CorruptVersionException e = assertThrows(CorruptVersionException.class, this::publishPending);

        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
        assertNothingChanged();
    }

    @Test
    void aDraftFileSilentlyCutShortAsItWasCreatedIsCaughtByTheVerifyingRead() throws IOException {
        FaultyFileSystem.inject(Fault.WRITE_TRUNCATES, "seen.bin");
        try (java.io.OutputStream out = pending.create("seen.bin")) {
            out.write(new byte[4096]);
        }

        CorruptVersionException e = assertThrows(CorruptVersionException.class, this::publishPending);

        assertTrue(e.getMessage().contains("seen.bin") && e.getMessage().contains("2048 bytes")
                && e.getMessage().contains("4096"), e.getMessage());
        assertNothingChanged();
    }

    @Test
    void aDraftFileWrittenThroughCreateIsListedWithTheSizeAndSha256OfWhatWasWritten() throws IOException {
        byte[] seen = new byte[5000];
        new java.util.Random(7).nextBytes(seen);
        try (java.io.OutputStream out = pending.create("seen.bin")) {
            out.write(seen, 0, 1000);
            out.write(seen[1000]);
            out.write(seen, 1001, seen.length - 1001);
        }

        VersionId id = publishPending();

        Manifest.FileEntry listed = store.manifest(id).files().get("seen.bin");
        assertEquals(new Manifest.FileEntry(seen.length, io.freshet.Sha256.hex(seen), StoreSettings.DEFAULT_CHUNK_BYTES,
                List.of(io.freshet.Sha256.hex(seen))), listed, "one chunk, the whole file");
        store.verify(id);
    }

    @Test
    void versionsDirectoryThatCannotBeMadeFailsThePublish() {
        FaultyFileSystem.inject(Fault.MKDIRS_RETURNS_FALSE, "versions");

        StoreException e = assertThrows(StoreException.class, this::publishPending);

        assertTrue(e.getMessage().contains("versions"), e.getMessage());
        assertNothingChanged();
    }

    @Test
    void aPointerThatCannotBeWrittenLeavesThePointerAndReleasesTheLock() {
        VersionId next = publishPending();
        FaultyFileSystem.inject(Fault.CREATE_THROWS, "CURRENT");

        StoreException e = assertThrows(StoreException.class, () -> store.promote(next));

        assertTrue(e.getMessage().contains("CURRENT"), e.getMessage());
        FaultyFileSystem.reset();
        assertEquals(Optional.of(before), store.pointer());
        assertEquals(List.of(), names(new Path(root, "_tmp")));
        assertFalse(exists(fs, new Path(root, "_lock")));
    }

    @Test
    void theStorePublishesAgainOnceTheFaultIsGone() {
        FaultyFileSystem.inject(Fault.RENAME_RETURNS_FALSE, "versions");
        assertThrows(StoreException.class, this::publishPending);
        FaultyFileSystem.reset();

        VersionId next = publishOne();
        store.promote(next);

        assertEquals(List.of(before, next), store.versions());
        assertEquals(Optional.of(next), store.current());
        store.verify(next);
    }

    @Test
    void aStoreThatCannotBeWrittenFailsTheWriteCheckNamingThePathAndTheReason() throws Exception {
        for (Fault fault : new Fault[] {Fault.CREATE_THROWS, Fault.WRITE_THROWS}) {
            FaultyFileSystem.inject(fault, "write-check");
            StoreException e = assertThrows(StoreException.class, () -> store.checkWritable(), fault.name());
            assertTrue(e.getMessage().contains("cannot write to the store") && e.getMessage().contains("write-check.")
                    && e.getMessage().contains("injected"), e.getMessage());
        }
        FaultyFileSystem.reset();
        store.checkWritable();
        assertEquals(List.of(pending.path().getName(), pending.path().getName() + ".lease"),
                java.util.Arrays.stream(fs.listStatus(new Path(root, "_tmp"))).map(st -> st.getPath().getName())
                        .sorted().toList(), "a passing check leaves nothing behind");
    }
}
