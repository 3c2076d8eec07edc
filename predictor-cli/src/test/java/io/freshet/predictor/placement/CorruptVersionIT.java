package io.freshet.predictor.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ModelArtifact;
import io.freshet.predictor.LocalSpark;
import io.freshet.predictor.LogCapture;
import io.freshet.predictor.StoreDamage;
import io.freshet.serving.ModelWatcher;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken version reaches the pointer while the predictor serves on local Spark: the poll refuses it and
 * says why in the log, every batch keeps scoring with the version served before, and the next good version
 * is served as soon as it is published.
 */
class CorruptVersionIT {
    private static JavaSparkContext jsc;

    @TempDir
    Path dir;

    private ModelStore store;
    private BroadcastModel served;
    private ModelWatcher watcher;
    private VersionId good;

    @BeforeAll
    static void startSpark() {
        jsc = LocalSpark.start(CorruptVersionIT.class);
    }

    @AfterAll
    static void stopSpark() {
        jsc.stop();
    }

    private static ModelArtifact model(long seed) {
        return ModelFixtures.random(50, 30, 4, 3, seed);
    }

    /** A store serving a good version, its broadcast on the executors. */
    private void serveAGoodVersion() {
        store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
        good = ModelFixtures.publishCurrent(store, model(1));
        served = new BroadcastModel(jsc);
        watcher = new ModelWatcher(store, served, Clock.systemUTC());
        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        assertEquals(List.of(good.value()), LocalBatch.versions(LocalBatch.score(jsc, served)));
    }

    /** Polls with the broken version current: refused with {@code reason} in the log, twice, the good one still scoring. */
    private void assertRefusedAndStillServing(VersionId broken, String reason) {
        try (LogCapture log = LogCapture.of(ModelWatcher.class)) {
            assertEquals(ModelWatcher.Outcome.FAILED, watcher.pollOnce());
            assertEquals(ModelWatcher.Outcome.FAILED, watcher.pollOnce(), "tried again at the next poll, refused again");
            List<String> warnings = log.lines().stream()
                    .filter(l -> l.startsWith("WARN") && l.contains("not serving version " + broken)).toList();
            assertEquals(2, warnings.size(), log.lines().toString());
            assertTrue(warnings.get(0).contains(reason) && warnings.get(0).contains("still serving " + good),
                    warnings.get(0));
        }
        assertEquals(good.value(), watcher.served().orElseThrow().version());
        assertEquals(List.of(good.value()), LocalBatch.versions(LocalBatch.score(jsc, served)));
    }

    /** Publishes and promotes a good version after the broken one: the next poll serves it. */
    private void assertRepairedVersionIsServed() {
        VersionId repaired = ModelFixtures.publishCurrent(store, model(3));
        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        assertEquals(List.of(repaired.value()), LocalBatch.versions(LocalBatch.score(jsc, served)));
        served.close();
    }

    @Test
    void truncatedFactorFileIsRefusedUntilARepairedVersionIsPublished() {
        serveAGoodVersion();
        VersionId truncated = StoreDamage.publishTruncatedFactors(store, model(2));
        store.promote(truncated);

        assertRefusedAndStillServing(truncated, "truncated");
        assertRepairedVersionIsServed();
    }

    @Test
    void factorFileReplacedAfterPublishFailsItsChecksumUntilARepairedVersionIsPublished() {
        serveAGoodVersion();
        VersionId replaced = ModelFixtures.publishCurrent(store, model(2));
        // Well-formed factors of another model, the same size: only the manifest's SHA-256 can tell.
        StoreDamage.overwrite(store, replaced, ArtifactFiles.FACTORS, StoreDamage.factorBytes(model(4)));

        assertRefusedAndStillServing(replaced, "checksum mismatch");
        assertRepairedVersionIsServed();
    }

    @Test
    void seenFileLostAfterPublishIsRefusedUntilARepairedVersionIsPublished() throws Exception {
        serveAGoodVersion();
        VersionId incomplete = ModelFixtures.publishCurrent(store, model(2));
        java.nio.file.Files.delete(StoreDamage.local(store.versionPath(incomplete)).resolve(ArtifactFiles.SEEN));

        assertRefusedAndStillServing(incomplete, ArtifactFiles.SEEN);
        assertRepairedVersionIsServed();
    }
}
