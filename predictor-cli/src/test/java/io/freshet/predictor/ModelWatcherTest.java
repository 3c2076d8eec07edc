package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.serving.ModelWatcher;
import io.freshet.serving.ServingModel;
import io.freshet.CorruptVersionException;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreSettings;
import io.freshet.store.VersionId;
import io.freshet.store.VersionNotFoundException;
import io.freshet.testing.ModelFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one poll decides, on a real local store: reload only when the pointer moves, never drop the served model. */
class ModelWatcherTest {
    @TempDir
    Path dir;

    private final List<ServingModel> handedOver = new ArrayList<>();
    private ModelStore store;
    private ModelWatcher watcher;

    private ModelWatcher watcher(ModelStore store) {
        return new ModelWatcher(store, handedOver::add, Clock.systemUTC());
    }

    /** Opens the store at {@code path}, publishes and promotes a first version, and polls it in. */
    private VersionId serveFirstVersion(Path path) {
        store = store(path);
        VersionId v1 = publishCurrent(store, 1);
        watcher = watcher(store);
        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        return v1;
    }

    private ModelStore store(Path path) {
        return ModelStore.open(path.toString(), new Configuration());
    }

    /** The same store, with a clock {@code ahead} of now for the ids it gives new versions. */
    private static ModelStore storeAhead(ModelStore store, Duration ahead) {
        return ModelStore.open(store.uri().toString(), new Configuration(),
                StoreSettings.defaults().withClock(Clock.offset(Clock.systemUTC(), ahead)));
    }

    private static VersionId publishCurrent(ModelStore store, long seed) {
        return ModelFixtures.publishCurrent(store, ModelFixtures.random(20, 10, 3, 2, seed));
    }

    private static VersionId publish(ModelStore store, long seed) {
        return ModelFixtures.publish(store, ModelFixtures.random(20, 10, 3, 2, seed));
    }

    private List<String> handedOverVersions() {
        return handedOver.stream().map(ServingModel::version).toList();
    }

    private Optional<String> served() {
        return watcher.served().map(ServingModel::version);
    }

    @Test
    void firstPollLoadsTheCurrentVersionAndHandsItOver() {
        store = store(dir.resolve("store"));
        VersionId v1 = publishCurrent(store, 1);
        watcher = watcher(store);

        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        assertEquals(List.of(v1.value()), handedOverVersions());
        assertEquals(Optional.of(v1.value()), served());
        assertEquals(3, handedOver.get(0).scorer().rank());
    }

    @Test
    void unchangedPointerIsNeitherReloadedNorHandedOverAgain() {
        VersionId v1 = serveFirstVersion(dir.resolve("store"));
        // Were the version read again, this would fail the poll: only a poll that does not reload is UNCHANGED.
        StoreDamage.overwrite(store, v1, ArtifactFiles.FACTORS, new byte[] {1, 2, 3});

        assertEquals(ModelWatcher.Outcome.UNCHANGED, watcher.pollOnce());
        assertEquals(ModelWatcher.Outcome.UNCHANGED, watcher.pollOnce());
        assertEquals(List.of(v1.value()), handedOverVersions());
    }

    @Test
    void movedPointerSwapsToTheNewVersion() {
        VersionId v1 = serveFirstVersion(dir.resolve("store"));
        VersionId v2 = publishCurrent(store, 2);

        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        assertEquals(List.of(v1.value(), v2.value()), handedOverVersions());
        assertEquals(Optional.of(v2.value()), served());
    }

    @Test
    void publishedButNotPromotedVersionIsNotServed() {
        VersionId v1 = serveFirstVersion(dir.resolve("store"));
        publish(store, 2);

        assertEquals(ModelWatcher.Outcome.UNCHANGED, watcher.pollOnce());
        assertEquals(Optional.of(v1.value()), served());
    }

    @Test
    void emptyStoreHasNoModel() throws IOException {
        Path path = Files.createDirectories(dir.resolve("store"));
        watcher = watcher(store(path));

        assertEquals(ModelWatcher.Outcome.NO_MODEL, watcher.pollOnce());
        assertEquals(Optional.empty(), watcher.served());
        assertEquals(List.of(), handedOver);
    }

    @Test
    void unreadableStoreFailsThePollAndKeepsTheServedModel() throws IOException {
        Path parent = dir.resolve("parent");
        VersionId v1 = serveFirstVersion(parent.resolve("store"));
        // The store's parent turns into a plain file: every read under it fails with "Not a directory".
        Path moved = Files.move(parent, dir.resolve("parent-moved"));
        Files.writeString(parent, "not a directory");

        try (LogCapture log = LogCapture.of(ModelWatcher.class)) {
            assertEquals(ModelWatcher.Outcome.FAILED, watcher.pollOnce());
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("WARN") && l.contains("still serving " + v1)),
                    log.lines().toString());
        }
        assertEquals(Optional.of(v1.value()), served());

        Files.delete(parent);
        Files.move(moved, parent);
        assertEquals(ModelWatcher.Outcome.UNCHANGED, watcher.pollOnce(), "the store is back, still the same version");
        assertEquals(List.of(v1.value()), handedOverVersions());
    }

    @Test
    void unreachableHdfsFailsThePollWithoutAModel() {
        Configuration conf = new Configuration();
        conf.setInt("ipc.client.connect.max.retries", 0);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        conf.setInt("ipc.client.connect.timeout", 2000);
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
        watcher = watcher(ModelStore.open("hdfs://127.0.0.1:1/freshet/store", conf));

        assertEquals(ModelWatcher.Outcome.FAILED, watcher.pollOnce());
        assertEquals(Optional.empty(), watcher.served());
        assertEquals(List.of(), handedOver);
    }

    @Test
    void pointerToARejectedVersionServesTheNewestAcceptedOneInstead() {
        serveFirstVersion(dir.resolve("store"));
        // Ids order by their time to the second: publish these an hour and two hours later, so that the
        // rejected version is the newest and the accepted one the newest servable, whatever the random suffixes.
        VersionId accepted = publish(storeAhead(store, Duration.ofHours(1)), 2);
        VersionId rejected = StoreDamage.publishRejected(storeAhead(store, Duration.ofHours(2)),
                ModelFixtures.random(20, 10, 3, 2, 3));
        StoreDamage.pointAt(store, rejected.value());

        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        assertEquals(Optional.of(accepted.value()), served());
        assertTrue(handedOverVersions().stream().noneMatch(rejected.value()::equals), handedOverVersions().toString());
    }

    @Test
    void pointerToAMissingVersionKeepsServingTheNewestComplete() {
        VersionId v1 = serveFirstVersion(dir.resolve("store"));
        StoreDamage.pointAt(store, "20990101T000000Z-abcdef");

        assertEquals(ModelWatcher.Outcome.UNCHANGED, watcher.pollOnce());
        assertEquals(Optional.of(v1.value()), served());
    }

    @Test
    void deletedServedVersionFallsBackToTheNewestRemaining() throws IOException {
        VersionId v1 = serveFirstVersion(dir.resolve("store"));
        VersionId v2 = publishCurrent(store, 2);
        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        deleteTree(StoreDamage.local(store.versionPath(v2)));

        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        assertEquals(List.of(v1.value(), v2.value(), v1.value()), handedOverVersions());
    }

    @Test
    void aJobStartingWhileTheCurrentVersionIsCorruptServesTheNewestOlderVersionThatLoadsAndSaysSo() {
        store = store(dir.resolve("store"));
        publish(store, 1);
        VersionId v2 = publish(storeAhead(store, Duration.ofMinutes(1)), 2);
        VersionId broken = StoreDamage.publishTruncatedFactors(storeAhead(store, Duration.ofMinutes(2)),
                ModelFixtures.random(20, 10, 3, 2, 3));
        publish(storeAhead(store, Duration.ofMinutes(3)), 4);
        store.promote(broken);
        watcher = watcher(store);

        try (LogCapture log = LogCapture.of(ModelWatcher.class)) {
            assertEquals(v2.value(), watcher.start().version());
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("WARN") && l.contains("STARTED ON AN OLDER MODEL")
                    && l.contains(broken.value()) && l.contains(v2.value())), log.lines().toString());
        }
        assertEquals(List.of(v2.value()), handedOverVersions());
        assertEquals(Optional.of(broken), store.pointer(), "the pointer is the operator's to move");
        assertEquals(ModelWatcher.Outcome.FAILED, watcher.pollOnce(), "each poll tries the current version again");
        assertEquals(Optional.of(v2.value()), served());
    }

    @Test
    void aJobStartingWhenNoVersionLoadsFailsWithTheCurrentVersionsError() {
        store = store(dir.resolve("store"));
        VersionId broken = StoreDamage.publishTruncatedFactors(store, ModelFixtures.random(20, 10, 3, 2, 3));
        StoreDamage.publishRejected(storeAhead(store, Duration.ofMinutes(1)), ModelFixtures.random(20, 10, 3, 2, 4));
        store.promote(broken);

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> watcher(store).start());
        assertTrue(e.getMessage().contains(ArtifactFiles.FACTORS), e.getMessage());
        assertEquals(List.of(), handedOverVersions());
        assertThrows(VersionNotFoundException.class, () -> watcher(store(dir.resolve("empty"))).start());
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
