package io.freshet.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.CorruptVersionException;
import io.freshet.artifact.ArtifactWriter;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.artifact.TrainedRatings;
import io.freshet.artifact.TrainedRatingsFile;
import io.freshet.fold.FoldInSolver;
import io.freshet.fold.FoldSettings;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import io.freshet.testing.QuietNetlib;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModelLoader and a version's trained-rating shards (ratings/part-NNNNN.bin), on a real local store. */
class ModelLoaderFoldTest {
    /** Implicit ALS (the ranking objective) on the rating less 3. */
    private static final Manifest.AlsParams RANKING = new Manifest.AlsParams(4, 5, 0.1, 2.0, true, false, 1,
            Manifest.AlsParams.RANKING, 3.0);

    @TempDir
    Path dir;

    private final ModelArtifact artifact = ModelFixtures.random(20, 15, 4, 3, 9);

    @BeforeAll
    static void quiet() {
        QuietNetlib.install();
    }

    private ModelStore store() {
        return ModelStore.open(dir.resolve("store").toUri().toString(), new Configuration());
    }

    /** Users 1..10 (two ratings each: items 1 and u + 2) in shard 0, users 11..20 in shard 1. */
    private static TrainedRatings shard(int firstUser) {
        int[] users = new int[10];
        int[] offsets = new int[11];
        int[] items = new int[20];
        float[] ratings = new float[20];
        for (int u = 0; u < 10; u++) {
            users[u] = firstUser + u;
            offsets[u + 1] = 2 * (u + 1);
            items[2 * u] = 1;
            items[2 * u + 1] = Math.min(15, users[u] + 2);
            ratings[2 * u] = 5f;
            ratings[2 * u + 1] = 1f + u % 5;
        }
        return new TrainedRatings(users, offsets, items, ratings);
    }

    private VersionId publish(ModelStore store, Manifest.AlsParams als, List<byte[]> shards) throws IOException {
        ModelStore.PendingVersion pending = store.begin();
        ArtifactWriter.writeFiles(artifact, pending::create);
        store.fileSystem().mkdirs(new org.apache.hadoop.fs.Path(pending.path(), TrainedRatingsFile.DIRECTORY));
        for (int s = 0; s < shards.size(); s++) {
            try (OutputStream out = pending.create(TrainedRatingsFile.shardName(s))) {
                out.write(shards.get(s));
            }
        }
        Manifest m = ModelFixtures.manifest(pending.id(), artifact, Manifest.ACCEPTED);
        Manifest manifest = new Manifest(m.formatVersion(), m.id(), m.createdAt(), m.status(), m.freshetVersion(), als,
                m.input(), m.trainingMillis(), m.metrics(), m.gate(), m.files(), m.evaluation());
        return store.publish(pending, manifest);
    }

    private static byte[] bytes(TrainedRatings ratings) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        TrainedRatingsFile.write(ratings, out);
        return out.toByteArray();
    }

    private VersionId publishWithShards(ModelStore store, Manifest.AlsParams als) throws IOException {
        return publish(store, als, List.of(bytes(shard(1)), bytes(shard(11))));
    }

    /** Loading {@code v} fails with a CorruptVersionException whose message holds every one of {@code parts}. */
    private static void assertLoadRefused(ModelStore store, VersionId v, String... parts) {
        String message = assertThrows(CorruptVersionException.class, () -> new ModelLoader(store).load(v))
                .getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    @Test
    void aVersionWithShardsLoadsWithItsTrainedRatings() throws IOException {
        ModelStore store = store();
        ServingModel model = new ModelLoader(store).load(publishWithShards(store, RANKING));
        assertTrue(model.folds());
        FoldInSolver solver = FoldInSolver.of(artifact.items(), FoldSettings.of(RANKING).orElseThrow());
        FactorMatrix items = artifact.items();
        for (int user : new int[] {1, 10, 11, 20}) { // both ends of both shards
            TrainedRatings shard = shard(user <= 10 ? 1 : 11);
            int row = shard.rowOf(user);
            int[] rows = {items.rowOf(shard.item(shard.from(row))), items.rowOf(shard.item(shard.from(row) + 1))};
            float[] ratings = {shard.rating(shard.from(row)), shard.rating(shard.from(row) + 1)};
            assertArrayEquals(solver.solve(rows, ratings, 2), model.folding().solveTrained(user), "user " + user);
        }
        assertNull(model.folding().solveTrained(21), "no trained ratings of user 21");
    }

    @Test
    void aVersionWithoutShardsOrFittedNonnegativeLoadsWithoutFolding() throws IOException {
        ModelStore store = store();
        assertFalse(new ModelLoader(store).load(ModelFixtures.publish(store, artifact)).folds());
        Manifest.AlsParams nonnegative = new Manifest.AlsParams(4, 5, 0.1, 2.0, true, true, 1,
                Manifest.AlsParams.RANKING, 3.0);
        assertFalse(new ModelLoader(store).load(publishWithShards(store, nonnegative)).folds());
    }

    @Test
    void aShardThatFailsItsChecksumFailsTheLoad() throws IOException {
        ModelStore store = store();
        VersionId v = publishWithShards(store, RANKING);
        Path shard = dir.resolve("store/versions/" + v + "/" + TrainedRatingsFile.shardName(1));
        Files.delete(shard.resolveSibling(".part-00001.bin.crc")); // so the manifest's SHA-256 is what catches it
        try (RandomAccessFile f = new RandomAccessFile(shard.toFile(), "rw")) {
            f.seek(40);
            int b = f.read();
            f.seek(40);
            f.write(b ^ 0x01); // user 11's first rating, 5, becomes 20: still well-formed
        }
        assertLoadRefused(store, v, "checksum mismatch", "ratings/part-00001.bin");
    }

    @Test
    void aShardWithBadContentFailsTheLoadNamingIt() throws IOException {
        ModelStore store = store();
        byte[] bad = bytes(shard(11));
        bad[24 + 8 + 3] = 14; // user 11's first item (1) becomes 14, after its second (13)
        VersionId v = publish(store, RANKING, List.of(bytes(shard(1)), bad));
        assertLoadRefused(store, v, "ratings/part-00001.bin", "not ascending");
    }

    @Test
    void shardsWhoseUsersDoNotFollowFailTheLoad() throws IOException {
        ModelStore store = store();
        VersionId v = publish(store, RANKING, List.of(bytes(shard(11)), bytes(shard(1))));
        assertLoadRefused(store, v, "version " + v + " ratings/", "strictly ascending");
    }
}
