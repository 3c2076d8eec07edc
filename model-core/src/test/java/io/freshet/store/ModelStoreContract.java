package io.freshet.store;

import static io.freshet.store.StoreFixtures.exists;
import static io.freshet.store.StoreFixtures.manifest;
import static io.freshet.store.StoreFixtures.read;
import static io.freshet.store.StoreFixtures.versionFiles;
import static io.freshet.store.StoreFixtures.write;
import static io.freshet.store.StoreFixtures.writeFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.CorruptVersionException;
import io.freshet.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every store must do, whatever its file system: run by {@link LocalModelStoreTest} against the
 * local file system and by {@link HdfsModelStoreIT} against a MiniDFSCluster.
 */
abstract class ModelStoreContract {
    private static final Duration LEASE = Duration.ofMinutes(10);
    /** Draft leases that never renew within a test (the beat is longer than any test), so the moved clock decides. */
    private static final Duration DRAFT_BEAT = Duration.ofMinutes(30);
    private static final Duration DRAFT_LEASE = Duration.ofHours(1);

    /** Starts at the real time, so that file modification times and the clock agree until a test moves it. */
    protected MutableClock clock;
    protected ModelStore store;
    protected FileSystem fs;
    protected Path root;
    private String location;
    private long seed;

    /** A store location no other test uses. */
    protected abstract String newStoreLocation(String testName);

    protected abstract Configuration conf();

    /** Publish-and-promote rounds per thread in the concurrency test. */
    protected abstract int concurrentRounds();

    @BeforeEach
    void openStore(TestInfo test) {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        location = newStoreLocation(test.getTestMethod().orElseThrow().getName());
        store = ModelStore.open(location, conf(), settings(clock));
        fs = store.fileSystem();
        root = new Path(store.uri());
    }

    private static StoreSettings settings(Clock clock) {
        return StoreSettings.defaults().withLockWait(Duration.ofMillis(300)).withLockPoll(Duration.ofMillis(10))
                .withLockLease(LEASE).withClock(clock).withDraftLease(DRAFT_BEAT, DRAFT_LEASE);
    }

    /** Begins a version, writes seeded files into it, publishes it, then moves the clock a minute on. */
    protected VersionId publish(String status) {
        ModelStore.PendingVersion pending = store.begin();
        writeFiles(fs, pending.path(), versionFiles(seed++));
        VersionId id = store.publish(pending, manifest(pending.id(), clock.instant(), status));
        clock.advance(Duration.ofMinutes(1));
        return id;
    }

    protected VersionId publish() {
        return publish(Manifest.ACCEPTED);
    }

    private Path versionDir(VersionId id) {
        return new Path(new Path(root, "versions"), id.value());
    }

    private List<String> names(Path dir) {
        try {
            if (!fs.exists(dir)) {
                return List.of();
            }
            return Arrays.stream(fs.listStatus(dir)).map(s -> s.getPath().getName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void delete(Path path) {
        try {
            assertTrue(fs.delete(path, true), "deleted " + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void mkdirs(Path path) {
        try {
            assertTrue(fs.mkdirs(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- publish, list, read ------------------------------------------------------------------------

    @Test
    void openingAMissingStoreCreatesNothingAndShowsAnEmptyStore() {
        assertEquals(List.of(), store.versions());
        assertEquals(Optional.empty(), store.current());
        assertEquals(Optional.empty(), store.pointer());
        assertEquals(0, store.cleanTemporaries(Duration.ZERO));
        assertFalse(exists(fs, root), "opening and reading must not create " + root);
    }

    @Test
    void publishedVersionListsEveryFileWithSizeAndSha256() {
        ModelStore.PendingVersion pending = store.begin();
        Map<String, byte[]> files = versionFiles(7);
        writeFiles(fs, pending.path(), files);
        Manifest given = manifest(pending.id(), clock.instant(), Manifest.ACCEPTED);

        VersionId id = store.publish(pending, given);

        assertEquals(pending.id(), id);
        assertEquals(List.of(id), store.versions());
        Manifest stored = store.manifest(id);
        assertEquals(new TreeSet<>(files.keySet()), new TreeSet<>(stored.files().keySet()));
        files.forEach((name, bytes) -> {
            assertEquals(bytes.length, stored.files().get(name).bytes(), name);
            assertEquals(Sha256.hex(bytes), stored.files().get(name).sha256(), name);
        });
        assertEquals(given.withFiles(stored.files()), stored);
        store.verify(id);
        assertArrayEquals(files.get("als/metadata/part-00000"), read(store.openFile(id, "als/metadata/part-00000")));
        assertEquals(List.of(), names(new Path(root, "_tmp")), "nothing left in _tmp");
    }

    @Test
    void manifestIsJsonWithTheCreationTimeAsIso8601() {
        VersionId id = publish();
        String json = new String(read(store.openFile(id, "manifest.json")), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"createdAt\" : \"" + id.createdAt() + "\""), json);
        assertTrue(json.contains("\"formatVersion\" : 1"), json);
    }

    @Test
    void publishingDoesNotMoveThePointer() {
        VersionId first = publish();
        store.promote(first);
        publish();
        assertEquals(Optional.of(first), store.pointer());
        assertEquals(Optional.of(first), store.current());
    }

    @Test
    void versionsAreListedOldestFirst() {
        VersionId a = publish();
        VersionId b = publish();
        VersionId c = publish();
        assertEquals(List.of(a, b, c), store.versions());
    }

    @Test
    void publishRefusesAManifestForAnotherVersionAndDeletesThePendingDirectory() {
        ModelStore.PendingVersion pending = store.begin();
        writeFiles(fs, pending.path(), versionFiles(1));
        VersionId other = VersionId.parse("20200101T000000Z-abcdef");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.publish(pending, manifest(other, clock.instant(), Manifest.ACCEPTED)));

        assertTrue(e.getMessage().contains(other.value()), e.getMessage());
        assertFalse(exists(fs, pending.path()));
        assertEquals(List.of(), names(new Path(root, "versions")));
    }

    @Test
    void publishRefusesAPendingVersionThatBringsItsOwnManifest() {
        ModelStore.PendingVersion pending = store.begin();
        write(fs, new Path(pending.path(), "manifest.json"), "{}");

        assertThrows(IllegalArgumentException.class,
                () -> store.publish(pending, manifest(pending.id(), clock.instant(), Manifest.ACCEPTED)));
        assertEquals(List.of(), store.versions());
    }

    @Test
    void openFileRefusesPathsLeavingTheVersion() {
        VersionId id = publish();
        assertThrows(IllegalArgumentException.class, () -> store.openFile(id, "../CURRENT"));
        assertThrows(IllegalArgumentException.class, () -> store.openFile(id, "/etc/passwd"));
    }

    @Test
    void openFileOfAMissingFileIsACorruptVersion() {
        VersionId id = publish();
        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> store.openFile(id, "nope.bin"));
        assertTrue(e.getMessage().contains("nope.bin"), e.getMessage());
    }

    // --- verification and format version -------------------------------------------------------------

    @Test
    void verifyNamesAFileWhoseContentChanged() {
        VersionId id = publish();
        Manifest.FileEntry listed = store.manifest(id).files().get("factors.bin");
        write(fs, new Path(versionDir(id), "factors.bin"), new byte[(int) listed.bytes()]);

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> store.verify(id));

        assertTrue(e.getMessage().contains("factors.bin"), e.getMessage());
        assertTrue(e.getMessage().contains(listed.sha256()), e.getMessage());
    }

    @Test
    void verifyNamesAFileWhoseSizeChanged() {
        VersionId id = publish();
        write(fs, new Path(versionDir(id), "als/metadata/part-00000"), "{}");

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> store.verify(id));

        assertTrue(e.getMessage().contains("als/metadata/part-00000 has 2 bytes"), e.getMessage());
    }

    @Test
    void verifyNamesAMissingFile() {
        VersionId id = publish();
        delete(new Path(versionDir(id), "factors.bin"));

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> store.verify(id));

        assertTrue(e.getMessage().contains("factors.bin is missing"), e.getMessage());
    }

    @Test
    void aManifestOfAnUnknownFormatVersionIsRefusedAndNotListed() {
        VersionId good = publish();
        VersionId future = VersionId.generate(clock);
        write(fs, new Path(versionDir(future), "manifest.json"),
                "{\"formatVersion\": 99, \"id\": \"" + future + "\", \"somethingNew\": true}");

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> store.manifest(future));

        assertTrue(e.getMessage().contains("99") && e.getMessage().contains("format versions 1 and 2"), e.getMessage());
        assertEquals(List.of(good), store.versions());
        assertEquals(Optional.of(good), store.current());
    }

    @Test
    void manifestOfAMissingVersionIsVersionNotFound() {
        assertThrows(VersionNotFoundException.class, () -> store.manifest(VersionId.generate(clock)));
    }

    // --- pointer and current ---------------------------------------------------------------------------

    @Test
    void promoteMovesThePointerAndReturnsThePreviousOne() {
        VersionId a = publish();
        VersionId b = publish();

        assertEquals(Optional.empty(), store.promote(a));
        assertEquals(Optional.of(a), store.promote(b));

        assertEquals(Optional.of(b), store.pointer());
        assertEquals(Optional.of(b), store.current());
        assertEquals(b.value() + "\n", store.pointerContent().orElseThrow());
        assertFalse(exists(fs, new Path(root, "_lock")), "the lock is released");
    }

    @Test
    void promoteIfCurrentMovesThePointerOnlyFromTheVersionTheDecisionWasMadeAgainst() {
        VersionId a = publish();
        VersionId b = publish();
        VersionId c = publish();
        store.promote(a);
        PointerMovedException moved = assertThrows(PointerMovedException.class,
                () -> store.promoteIfCurrent(b, Optional.of(c)));
        assertTrue(moved.getMessage().contains(a.value()) && moved.getMessage().contains(c.value()), moved.getMessage());
        assertEquals(Optional.of(a), store.pointer(), "the pointer is untouched");
        assertThrows(PointerMovedException.class, () -> store.promoteIfCurrent(b, Optional.empty()),
                "a decision made when there was no current version");
        assertEquals(Optional.of(a), store.promoteIfCurrent(b, Optional.of(a)));
        assertEquals(Optional.of(b), store.pointer());
    }

    @Test
    void promoteIfCurrentWithoutAPointerComparesWithWhatCurrentWasBeforeTheCandidate() throws IOException {
        VersionId first = publish();
        assertEquals(Optional.empty(), store.promoteIfCurrent(first, Optional.empty()), "the first version ever");
        assertTrue(fs.delete(new Path(root, "CURRENT"), false), "the pointer is removed");
        VersionId judged = store.current().orElseThrow();
        VersionId candidate = publish();
        assertEquals(Optional.of(candidate), store.current(), "the fallback now picks the candidate itself");
        store.promoteIfCurrent(candidate, Optional.of(judged));
        assertEquals(Optional.of(candidate), store.pointer());
    }

    @Test
    void aDirectoryNamedLikeAnIdWithAnImpossibleDateIsSkippedByListAndPrune() throws IOException {
        VersionId a = publish();
        VersionId b = publish();
        VersionId c = publish();
        Path impossible = new Path(new Path(root, "versions"), "20261399T250000Z-abcdef");
        assertTrue(fs.mkdirs(impossible));
        assertEquals(List.of(a, b, c), store.versions());
        assertEquals(List.of(a, b), store.prune(1, Duration.ZERO));
        assertEquals(List.of(c), store.versions());
        assertTrue(fs.exists(impossible), "not Freshet's: left alone");
    }

    @Test
    void rollbackPromotesAnOlderVersion() {
        VersionId old = publish();
        VersionId newer = publish();
        store.promote(newer);

        assertEquals(Optional.of(newer), store.promote(old));

        assertEquals(Optional.of(old), store.current());
        assertEquals(List.of(old, newer), store.versions());
    }

    @Test
    void promoteRefusesAVersionThatIsNotThere() {
        VersionId a = publish();
        store.promote(a);
        VersionId missing = VersionId.generate(clock);

        assertThrows(VersionNotFoundException.class, () -> store.promote(missing));

        assertEquals(Optional.of(a), store.pointer());
    }

    @Test
    void promoteRefusesARejectedVersion() {
        VersionId a = publish();
        store.promote(a);
        VersionId rejected = publish(Manifest.REJECTED);

        RejectedVersionException e = assertThrows(RejectedVersionException.class, () -> store.promote(rejected));

        assertTrue(e.getMessage().contains(rejected.value()), e.getMessage());
        assertEquals(Optional.of(a), store.pointer());
    }

    @Test
    void promoteAcceptsAForcedVersion() {
        VersionId forced = publish(Manifest.FORCED);
        store.promote(forced);
        assertEquals(Optional.of(forced), store.current());
    }

    @Test
    void withoutAPointerCurrentIsTheNewestServableVersion() {
        VersionId accepted = publish();
        publish(Manifest.REJECTED);
        assertEquals(Optional.empty(), store.pointer());
        assertEquals(Optional.of(accepted), store.current());
    }

    @Test
    void aPointerToAVersionThatIsGoneFallsBackToTheNewestCompleteVersion() {
        VersionId a = publish();
        VersionId b = publish();
        VersionId c = publish();
        store.promote(a);
        delete(versionDir(a));

        assertEquals(Optional.of(c), store.current());
        assertEquals(Optional.of(a), store.pointer(), "the pointer itself is left as it was");
        assertEquals(List.of(b, c), store.versions());
    }

    @Test
    void aPointerHoldingGarbageFallsBackToTheNewestCompleteVersion() {
        publish();
        VersionId newest = publish();
        write(fs, new Path(root, "CURRENT"), "not a version\n");

        assertEquals(Optional.of(newest), store.current());
        assertEquals(Optional.of("not a version\n"), store.pointerContent());
        StoreException e = assertThrows(StoreException.class, () -> store.pointer());
        assertTrue(e.getMessage().contains("not a version"), e.getMessage());
    }

    @Test
    void promoteReplacesAPointerHoldingGarbage() {
        VersionId a = publish();
        write(fs, new Path(root, "CURRENT"), "garbage");

        assertEquals(Optional.empty(), store.promote(a));

        assertEquals(Optional.of(a), store.pointer());
    }

    // --- incomplete versions and temporaries ---------------------------------------------------------

    @Test
    void aVersionDirectoryWithoutManifestIsNeverListedNorServedAndIsCleanedByPrune() {
        VersionId complete = publish();
        VersionId halfWritten = VersionId.generate(clock);
        writeFiles(fs, versionDir(halfWritten), versionFiles(3));

        assertEquals(List.of(complete), store.versions());
        assertEquals(Optional.of(complete), store.current());
        assertThrows(VersionNotFoundException.class, () -> store.manifest(halfWritten));
        assertThrows(VersionNotFoundException.class, () -> store.promote(halfWritten));

        clock.advance(Duration.ofHours(2));
        assertEquals(List.of(), store.prune(5, Duration.ofHours(1)));
        assertFalse(exists(fs, versionDir(halfWritten)));
        assertEquals(List.of(complete), store.versions());
    }

    @Test
    void aLeftoverTemporaryIsNeverListedAndIsCleanedOnceOlderThanTheGrace() {
        VersionId complete = publish();
        ModelStore.PendingVersion abandoned = store.begin();
        writeFiles(fs, abandoned.path(), versionFiles(4));

        assertEquals(List.of(complete), store.versions());
        assertEquals(0, store.cleanTemporaries(Duration.ofHours(1)), "a young temporary stays");
        assertTrue(exists(fs, abandoned.path()));

        clock.advance(Duration.ofHours(2));
        assertEquals(1, store.cleanTemporaries(Duration.ofHours(1)));
        assertFalse(exists(fs, abandoned.path()));
        assertEquals(List.of(complete), store.versions());
    }

    @Test
    void aDraftWhoseLeaseIsLiveSurvivesCleaningWhateverTheGraceAndPublishes() {
        VersionId older = publish();
        ModelStore.PendingVersion live = store.begin();
        writeFiles(fs, live.path(), versionFiles(5));
        clock.advance(DRAFT_LEASE.minusMinutes(1));

        assertEquals(0, store.cleanTemporaries(Duration.ZERO), "a draft whose lease is live is never cleaned");
        store.prune(1, Duration.ZERO);

        assertTrue(exists(fs, live.path()));
        VersionId id = store.publish(live, manifest(live.id(), clock.instant(), Manifest.ACCEPTED),
                List.of("factors.bin", "als/metadata/"));
        assertEquals(List.of(older, id), store.versions());
        assertEquals(List.of(), names(new Path(root, "_tmp")), "publishing ends the lease: nothing is left in _tmp");
    }

    @Test
    void aDraftWhoseLeaseExpiredIsCleanedAndItsWriterCanNeitherRecreateNorPublishIt() throws IOException {
        ModelStore.PendingVersion paused = store.begin();
        writeFiles(fs, paused.path(), versionFiles(6));
        clock.advance(DRAFT_LEASE.plusMinutes(1));

        assertEquals(1, store.cleanTemporaries(Duration.ZERO));
        assertFalse(exists(fs, paused.path()));
        assertEquals(List.of(), names(new Path(root, "_tmp")), "the expired lease goes with its draft");

        StoreException write = assertThrows(StoreException.class, () -> paused.create("seen.bin").close());
        assertTrue(write.getMessage().contains("no longer exists"), write.getMessage());
        assertFalse(exists(fs, paused.path()), "a write must not re-create a draft that a clean-up deleted");

        writeFiles(fs, paused.path(), versionFiles(6));
        StoreException publish = assertThrows(StoreException.class,
                () -> store.publish(paused, manifest(paused.id(), clock.instant(), Manifest.ACCEPTED)));
        assertTrue(publish.getMessage().contains("lost its lease"), publish.getMessage());
        assertEquals(List.of(), store.versions());
        assertFalse(exists(fs, paused.path()));
    }

    @Test
    void aDraftOfAProcessThatNoLongerRunsOnThisHostIsCleanedAtOnceAndOneOfALiveProcessIsNot() throws Exception {
        ModelStore.PendingVersion killed = store.begin();
        ModelStore.PendingVersion running = store.begin();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Path lease = StoreLayout.leaseOf(killed.path());
        fs.delete(lease, false);
        write(fs, lease, "host=" + host + "\npid=" + gone.pid() + "\ndraft=" + killed.path().getName() + "\n");
        clock.advance(Duration.ofSeconds(5)); // past the files' own times, well within the lease time

        assertEquals(1, store.cleanTemporaries(Duration.ZERO));

        assertFalse(exists(fs, killed.path()));
        assertFalse(exists(fs, lease));
        assertTrue(exists(fs, running.path()), "this process still runs: its draft stays");
        running.discard();
    }

    @Test
    void aScratchDirectoryIsLeasedLikeADraftAndClosingItLeavesNothing() throws IOException {
        ModelStore.Scratch scratch = store.scratch("als-checkpoints");
        write(fs, new Path(scratch.path(), "rdd-1/part-00000"), "factors");
        clock.advance(DRAFT_LEASE.minusMinutes(1));

        assertEquals(0, store.cleanTemporaries(Duration.ZERO), "a live scratch directory is never cleaned");
        assertTrue(exists(fs, scratch.path()));
        assertTrue(scratch.path().getName().matches("als-checkpoints\\.[0-9a-f]{8}"), scratch.path().toString());

        scratch.close();
        assertEquals(List.of(), names(new Path(root, "_tmp")));
        assertThrows(IllegalArgumentException.class, () -> store.scratch("../x"));
    }

    @Test
    void publishRefusesAVersionMissingARequiredFileAndNamesIt() {
        ModelStore.PendingVersion pending = store.begin();
        writeFiles(fs, pending.path(), versionFiles(8));

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> store.publish(pending,
                manifest(pending.id(), clock.instant(), Manifest.ACCEPTED),
                List.of("factors.bin", "seen.bin", "als/metadata/", "als/itemFactors/")));

        assertTrue(e.getMessage().contains("[seen.bin, als/itemFactors/]"), e.getMessage());
        assertEquals(List.of(), store.versions());
        assertFalse(exists(fs, pending.path()));
    }

    @Test
    void aRenewedLeaseKeepsItsDraftPastTheLeaseTime() throws Exception {
        ModelStore renewing = ModelStore.open(location, conf(), settings(Clock.systemUTC())
                .withDraftLease(Duration.ofMillis(20), Duration.ofMillis(200)));
        ModelStore.PendingVersion pending = renewing.begin();
        Path lease = StoreLayout.leaseOf(pending.path());
        long taken = fs.getFileStatus(lease).getModificationTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fs.getFileStatus(lease).getModificationTime() < taken + 400) {
            assertTrue(System.nanoTime() < deadline, "the lease of " + pending.path() + " was not renewed");
            Thread.sleep(10);
        }

        assertEquals(0, renewing.cleanTemporaries(Duration.ZERO), "renewed for twice its lease time: still live");
        assertTrue(exists(fs, pending.path()));
        pending.discard();
        assertEquals(List.of(), names(new Path(root, "_tmp")));
    }

    @Test
    void pruneAlsoCleansOldTemporaries() {
        publish();
        ModelStore.PendingVersion abandoned = store.begin();
        clock.advance(Duration.ofHours(2));

        store.prune(3, Duration.ofHours(1));

        assertFalse(exists(fs, abandoned.path()));
    }

    // --- retention -------------------------------------------------------------------------------------

    @Test
    void pruneKeepsTheNewestVersions() {
        List<VersionId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(publish());
        }
        store.promote(ids.get(4));
        clock.advance(Duration.ofHours(2));

        assertEquals(ids.subList(0, 3), store.prune(2, Duration.ofHours(1)));

        assertEquals(ids.subList(3, 5), store.versions());
        assertEquals(Optional.of(ids.get(4)), store.current());
    }

    @Test
    void pruneNeverDeletesTheCurrentVersion() {
        VersionId a = publish();
        VersionId b = publish();
        VersionId c = publish();
        VersionId d = publish();
        store.promote(a);

        assertEquals(List.of(b, c), store.prune(1, Duration.ZERO));

        assertEquals(List.of(a, d), store.versions());
    }

    @Test
    void pruneProtectsWhatCurrentFallsBackToWhenThePointerIsGone() {
        VersionId accepted = publish();
        VersionId rejected = publish(Manifest.REJECTED);

        assertEquals(List.of(), store.prune(1, Duration.ZERO));

        assertEquals(List.of(accepted, rejected), store.versions());
    }

    @Test
    void pruneSparesVersionsYoungerThanTheGrace() {
        VersionId a = publish();
        VersionId b = publish();
        publish();
        publish();
        VersionId e = publish();
        store.promote(e);
        // now is 5 min after a and 4 min after b; c and d are younger than 3 min and 30 s
        assertEquals(List.of(a, b), store.prune(1, Duration.ofMinutes(3).plusSeconds(30)));
        assertEquals(3, store.versions().size());
    }

    @Test
    void rejectedVersionsCountTowardsKeepAndArePrunedLikeOthers() {
        VersionId a = publish();
        VersionId b = publish();
        VersionId rejected1 = publish(Manifest.REJECTED);
        VersionId rejected2 = publish(Manifest.REJECTED);
        store.promote(b);

        assertEquals(List.of(a, rejected1), store.prune(1, Duration.ZERO));

        assertEquals(List.of(b, rejected2), store.versions());
    }

    @Test
    void pruneRefusesToKeepNothing() {
        assertThrows(IllegalArgumentException.class, () -> store.prune(0, Duration.ZERO));
    }

    @Test
    void prunedVersionsLeaveNothingBehind() {
        publish();
        VersionId kept = publish();
        store.promote(kept);
        store.prune(1, Duration.ZERO);
        assertEquals(List.of(kept.value()), names(new Path(root, "versions")));
        assertEquals(List.of(), names(new Path(root, "_tmp")));
    }

    // --- the store lock --------------------------------------------------------------------------------

    @Test
    void aHeldLockMakesPromoteFailAfterTheWaitNamingTheHolder() {
        VersionId a = publish();
        VersionId b = publish();
        store.promote(a);
        Path lock = new Path(root, "_lock");
        write(fs, lock, "host=other-trainer\npid=4242\ntoken=0123\n");

        StoreLockedException e = assertThrows(StoreLockedException.class, () -> store.promote(b));

        assertTrue(e.getMessage().contains("other-trainer") && e.getMessage().contains("4242"), e.getMessage());
        assertEquals(Optional.of(a), store.pointer());
        assertTrue(exists(fs, lock), "somebody else's lock is left alone");
    }

    @Test
    void aLockOlderThanTheLeaseIsBroken() {
        VersionId a = publish();
        write(fs, new Path(root, "_lock"), "host=crashed-trainer\npid=1\ntoken=dead\n");
        clock.advance(LEASE.plusMinutes(1));

        store.promote(a);

        assertEquals(Optional.of(a), store.pointer());
        assertFalse(exists(fs, new Path(root, "_lock")));
    }

    @Test
    void aLockOfAProcessThatNoLongerRunsOnThisHostIsBrokenAtOnce() throws Exception {
        VersionId a = publish();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        write(fs, new Path(root, "_lock"), "host=" + host + "\npid=" + gone.pid() + "\ntoken=killed\n");

        store.promote(a); // within the lease: the clock has not moved

        assertEquals(Optional.of(a), store.pointer());
        assertFalse(exists(fs, new Path(root, "_lock")));
    }

    @Test
    void aLockOfALiveProcessOnThisHostWaitsOutTheLease() throws Exception {
        VersionId a = publish();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Process alive = new ProcessBuilder("sleep", "30").start();
        try {
            write(fs, new Path(root, "_lock"), "host=" + host + "\npid=" + alive.pid() + "\ntoken=alive\n");
            assertThrows(StoreLockedException.class, () -> store.promote(a));
            assertTrue(exists(fs, new Path(root, "_lock")));
        } finally {
            alive.destroy();
        }
    }

    @Test
    void aHeldLockStopsPruneToo() {
        publish();
        publish();
        write(fs, new Path(root, "_lock"), "host=other-trainer\n");
        assertThrows(StoreLockedException.class, () -> store.prune(1, Duration.ZERO));
        assertEquals(2, store.versions().size());
    }

    // --- pointer history and pin -------------------------------------------------------------------------

    @Test
    void everyMoveIsRecordedInOrderWithItsCauseWhoWhenAndTheGate() {
        VersionId a = publish();
        VersionId b = publish();
        VersionId c = publish();
        Manifest.GateDecision gate = new Manifest.GateDecision(true, "ndcgAt10", 0.31, 0.30, a.value(), 0.02, 0.2, 1.0,
                null);
        Instant first = clock.instant();
        store.promote(a);
        clock.advance(Duration.ofSeconds(5));
        store.promoteIfCurrent(b, Optional.of(a), PointerMove.fit(Manifest.ACCEPTED, gate));
        clock.advance(Duration.ofSeconds(5));
        store.promote(a, PointerMove.rollback("b's lists are empty"));
        clock.advance(Duration.ofSeconds(5));
        store.pin(c, "hold c over the weekend");
        clock.advance(Duration.ofSeconds(5));
        store.unpin("monday");

        List<HistoryRecord> history = store.history();
        assertEquals(List.of(PointerMove.PROMOTE, PointerMove.FIT, PointerMove.ROLLBACK, PointerMove.PIN,
                PointerMove.UNPIN), history.stream().map(HistoryRecord::cause).toList());
        io.freshet.testing.HistoryChecks.assertChained(history, store.pointer(), "five moves");
        assertEquals(Arrays.asList(null, a.value(), b.value(), a.value(), c.value()),
                history.stream().map(HistoryRecord::from).toList());
        assertEquals(List.of(a.value(), b.value(), a.value(), c.value(), c.value()),
                history.stream().map(HistoryRecord::to).toList());
        for (int i = 0; i < history.size(); i++) {
            HistoryRecord r = history.get(i);
            assertEquals(first.plusSeconds(5L * i), r.time(), "the store clock's time of the move");
            assertEquals(System.getProperty("user.name"), r.user());
            assertEquals(ProcessHandle.current().pid(), r.pid());
            assertTrue(r.host() != null && !r.host().isBlank());
        }
        assertEquals(gate, history.get(1).gate());
        assertEquals(null, history.get(0).gate());
        assertEquals("b's lists are empty", history.get(2).reason());
        assertEquals("hold c over the weekend", history.get(3).reason());
        assertEquals("monday", history.get(4).reason());
    }

    @Test
    void eachRecordIsOneJsonFileNamedByItsSequenceAndNothingIsLeftInTheTemporaries() throws IOException {
        VersionId a = publish();
        VersionId b = publish();
        store.promote(a);
        store.promote(b, PointerMove.fit(Manifest.FORCED, null));

        assertEquals(List.of("0000000001.json", "0000000002.json"), names(new Path(root, "history")));
        com.fasterxml.jackson.databind.JsonNode second = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                read(fs.open(new Path(root, "history/0000000002.json"))));
        assertEquals(1, second.get("formatVersion").asInt());
        assertEquals(2, second.get("sequence").asInt());
        assertEquals(PointerMove.FORCED, second.get("cause").asText());
        assertEquals(a.value(), second.get("from").asText());
        assertEquals(b.value(), second.get("to").asText());
        assertTrue(second.get("time").asText().endsWith("Z"), second.toString());
        assertFalse(second.has("gate") || second.has("reason"), "null fields are left out: " + second);
        assertEquals(List.of(), names(new Path(root, "_tmp")));
    }

    @Test
    void aPinHoldsThePointerAgainstEveryPromotionUntilUnpinned() {
        VersionId a = publish();
        VersionId b = publish();
        store.promote(a);
        Instant pinnedAt = clock.instant();

        assertEquals(Optional.of(a), store.pin(a, "b is suspect"));

        Pin pin = store.pinned().orElseThrow();
        assertEquals(a.value(), pin.version());
        assertEquals(pinnedAt, pin.time());
        assertEquals(System.getProperty("user.name"), pin.user());
        assertEquals("b is suspect", pin.reason());
        PinnedException refused = assertThrows(PinnedException.class, () -> store.promote(b));
        assertTrue(refused.getMessage().contains(a.value()) && refused.getMessage().contains("b is suspect")
                && refused.getMessage().contains("trainer unpin"), refused.getMessage());
        assertThrows(PinnedException.class, () -> store.promoteIfCurrent(b, Optional.of(a),
                PointerMove.fit(Manifest.ACCEPTED, null)));
        assertEquals(Optional.of(a), store.pointer());
        assertFalse(exists(fs, new Path(root, "_lock")), "the lock is released after a refusal");

        assertEquals(Optional.of(pin), store.unpin(null));
        assertEquals(Optional.empty(), store.pinned());
        assertEquals(Optional.empty(), store.unpin(null), "unpinning an unpinned store records nothing");
        assertEquals(Optional.of(a), store.promote(b));
        assertEquals(List.of(PointerMove.PROMOTE, PointerMove.PIN, PointerMove.UNPIN, PointerMove.PROMOTE),
                store.history().stream().map(HistoryRecord::cause).toList(), "refused promotions are no moves");
        io.freshet.testing.HistoryChecks.assertChained(store.history(), store.pointer(), "pin and unpin");
    }

    @Test
    void pinningAnotherVersionMovesThePointerThereAndARejectedVersionCannotBePinned() {
        VersionId a = publish();
        VersionId b = publish();
        VersionId rejected = publish(Manifest.REJECTED);
        store.promote(b);
        store.pin(b, null);

        assertEquals(Optional.of(b), store.pin(a, "roll back and hold"));

        assertEquals(Optional.of(a), store.pointer());
        assertEquals(a.value(), store.pinned().orElseThrow().version());
        assertThrows(RejectedVersionException.class, () -> store.pin(rejected, null));
        assertThrows(VersionNotFoundException.class, () -> store.pin(VersionId.generate(clock), null));
        assertEquals(a.value(), store.pinned().orElseThrow().version());
        HistoryRecord last = store.history().get(store.history().size() - 1);
        assertEquals(PointerMove.PIN, last.cause());
        assertEquals(b.value(), last.from());
        assertEquals(a.value(), last.to());
    }

    @Test
    void aMoveMadeWithoutARecordIsRecordedAsUnrecordedByTheNextMove() throws IOException {
        VersionId a = publish();
        VersionId b = publish();
        VersionId c = publish();
        write(fs, new Path(root, "CURRENT"), a.value() + "\n"); // a Freshet without history, before this one
        store.promote(b);
        write(fs, new Path(root, "CURRENT"), c.value() + "\n"); // a writer killed before recording its move
        Instant replaced = Instant.ofEpochMilli(fs.getFileStatus(new Path(root, "CURRENT")).getModificationTime());

        store.promote(a, PointerMove.rollback(null));

        List<HistoryRecord> history = store.history();
        assertEquals(List.of(PointerMove.UNRECORDED, PointerMove.PROMOTE, PointerMove.UNRECORDED, PointerMove.ROLLBACK),
                history.stream().map(HistoryRecord::cause).toList());
        io.freshet.testing.HistoryChecks.assertChained(history, Optional.of(a), "unrecorded moves");
        HistoryRecord found = history.get(2);
        assertEquals(b.value(), found.from());
        assertEquals(c.value(), found.to());
        assertEquals(null, found.user(), "nobody knows who made it");
        assertTrue(found.reason().contains("not " + b.value()), found.reason());
        assertEquals(replaced, found.time(), "when CURRENT was replaced");
    }

    @Test
    void pruneNeverDeletesTheHistoryNorThePinnedVersion() {
        List<VersionId> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(publish());
            store.promote(ids.get(i));
        }
        store.pin(ids.get(0), "the oldest is the good one");
        store.unpin(null);
        store.promote(ids.get(3));
        store.pin(ids.get(1), null);
        List<HistoryRecord> before = store.history();
        clock.advance(Duration.ofDays(1));

        store.prune(1, Duration.ZERO);

        assertEquals(List.of(ids.get(1), ids.get(3)), store.versions(), "the pinned version and the newest stay");
        assertEquals(before, store.history());
        assertEquals(before.size(), names(new Path(root, "history")).size());
    }

    @Test
    void aRecordThatIsNotJsonIsNamedWhenTheHistoryIsRead() {
        VersionId a = publish();
        store.promote(a);
        write(fs, new Path(root, "history/0000000002.json"), "{\"formatVersion\" : 1, \"seque");

        StoreException e = assertThrows(StoreException.class, store::history);

        assertTrue(e.getMessage().contains("0000000002.json"), e.getMessage());
        store.promote(a); // moving still works, past the damaged record
        assertTrue(names(new Path(root, "history")).contains("0000000003.json"));
    }

    // --- two writers -----------------------------------------------------------------------------------

    @Test
    void concurrentPublishersNeverLeaveAPartialVersionOrABadPointer() throws Exception {
        int rounds = concurrentRounds();
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger readerChecks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<VersionId>>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                long writerSeed = 1000L * w;
                writers.add(pool.submit(() -> writeRounds(start, rounds, writerSeed)));
            }
            Future<?> reader = pool.submit(() -> {
                ModelStore readerStore = ModelStore.open(location, conf(), StoreSettings.defaults());
                awaitQuietly(start);
                while (writing.get()) {
                    readerStore.pointer().ifPresent(readerStore::manifest);
                    readerChecks.incrementAndGet();
                }
                return null;
            });
            start.countDown();
            Set<VersionId> published = new TreeSet<>();
            for (Future<List<VersionId>> writer : writers) {
                published.addAll(writer.get(5, TimeUnit.MINUTES));
            }
            writing.set(false);
            reader.get(1, TimeUnit.MINUTES);

            assertEquals(2 * rounds, published.size());
            assertEquals(List.copyOf(published), store.versions());
            for (VersionId id : published) {
                store.verify(id);
            }
            assertTrue(published.contains(store.pointer().orElseThrow()));
            List<HistoryRecord> history = store.history();
            assertEquals(2 * rounds, history.size(), "one record per promotion");
            io.freshet.testing.HistoryChecks.assertChained(history, store.pointer(), "two racing writers");
            assertEquals(published, new TreeSet<>(history.stream().map(r -> VersionId.parse(r.to())).toList()));
            assertFalse(exists(fs, new Path(root, "_lock")));
            assertEquals(List.of(), names(new Path(root, "_tmp")));
            assertTrue(readerChecks.get() > 0);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One writer: its own store instance; after each promote, CURRENT must name a complete version. */
    private List<VersionId> writeRounds(CountDownLatch start, int rounds, long writerSeed) {
        ModelStore own = ModelStore.open(location, conf(), settings(Clock.systemUTC())
                .withLockWait(Duration.ofSeconds(30)));
        awaitQuietly(start);
        List<VersionId> ids = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            ModelStore.PendingVersion pending = own.begin();
            writeFiles(own.fileSystem(), pending.path(), versionFiles(writerSeed + round));
            VersionId id = own.publish(pending, manifest(pending.id(), Instant.now(), Manifest.ACCEPTED));
            own.promote(id);
            VersionId pointed = own.pointer().orElseThrow();
            own.verify(pointed);
            ids.add(id);
        }
        return ids;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the start", e);
        }
    }

    @Test
    void availabilityFilesArePublishedWholeNewestLastAndReadBack() {
        assertEquals(List.of(), store.availabilityIds(), "a store without availability files lists none");
        byte[] first = "{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[3]}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"formatVersion\":1,\"mode\":\"allow\",\"items\":[1,2]}".getBytes(StandardCharsets.UTF_8);
        VersionId a = store.publishAvailability(first);
        VersionId b = store.publishAvailability(second); // the same second of the clock: still sorts after
        clock.advance(Duration.ofSeconds(5));
        VersionId c = store.publishAvailability(first);
        assertEquals(List.of(a, b, c), store.availabilityIds());
        assertArrayEquals(second, store.readAvailability(b));
        assertArrayEquals(first, store.readAvailability(c));
        assertEquals(List.of(a, b, c), ModelStore.open(store.uri().toString(), conf()).availabilityIds(),
                "another reader of the store sees the same files");
    }
}
