package io.freshet.testing;

import io.freshet.FreshetVersion;
import io.freshet.artifact.ArtifactWriter;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.artifact.SeenItems;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.Path;

/**
 * Test models without Spark: random factors, seen sets and popularity, and a way to publish them as real
 * versions of a real store (the same artifact files the trainer writes; no ALS layout).
 */
public final class ModelFixtures {
    private ModelFixtures() {
    }

    /** Users with ids 1..users, items with ids 1..items, each user has seen {@code seenPerUser} random items. */
    public static ModelArtifact random(int users, int items, int rank, int seenPerUser, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FactorMatrix u = matrix(users, rank, rnd);
        FactorMatrix i = matrix(items, rank, rnd);
        int[] userIds = new int[users];
        int[] offsets = new int[users + 1];
        int[] seen = new int[users * Math.min(seenPerUser, items)];
        int at = 0;
        for (int k = 0; k < users; k++) {
            userIds[k] = k + 1;
            int[] picks = rnd.ints(0, items).distinct().limit(Math.min(seenPerUser, items)).map(x -> x + 1).sorted()
                    .toArray();
            System.arraycopy(picks, 0, seen, at, picks.length);
            at += picks.length;
            offsets[k + 1] = at;
        }
        int[] popular = new int[items];
        int[] counts = new int[items];
        for (int k = 0; k < items; k++) {
            popular[k] = k + 1;
            counts[k] = items - k;
        }
        return new ModelArtifact(u, i, popular, counts, new SeenItems(userIds, offsets, Arrays.copyOf(seen, at)));
    }

    private static FactorMatrix matrix(int n, int rank, SplittableRandom rnd) {
        int[] ids = new int[n];
        float[] values = new float[n * rank];
        for (int r = 0; r < n; r++) {
            ids[r] = r + 1;
            for (int k = 0; k < rank; k++) {
                values[r * rank + k] = (float) (rnd.nextDouble() * 2 - 1);
            }
        }
        return new FactorMatrix(rank, ids, values);
    }

    /** Writes the artifact into a new version of {@code store} and publishes it (the pointer does not move). */
    public static VersionId publish(ModelStore store, ModelArtifact artifact) {
        ModelStore.PendingVersion pending = store.begin();
        write(pending::create, artifact);
        return store.publish(pending, manifest(pending.id(), artifact, Manifest.ACCEPTED));
    }

    /** The manifest of a fixture version with the given status (the store fills in the files at publish). */
    public static Manifest manifest(VersionId id, ModelArtifact artifact, String status) {
        return new Manifest(Manifest.FORMAT_VERSION, id.value(), Instant.now(), status,
                FreshetVersion.get(), new Manifest.AlsParams(artifact.rank(), 1, 0.1, 1.0, false, false, 1),
                new Manifest.InputInfo("fixture", "movielens", "0", artifact.seen().entries(), artifact.users().size(),
                        artifact.items().size(), 0), 1, Map.of(), null, null);
    }

    /** Publishes and promotes. */
    public static VersionId publishCurrent(ModelStore store, ModelArtifact artifact) {
        VersionId id = publish(store, artifact);
        store.promote(id);
        return id;
    }

    /** Writes the artifact's files into {@code dir}, a draft of {@code store} made by hand. */
    public static void write(ModelStore store, Path dir, ModelArtifact artifact) {
        write(name -> store.fileSystem().create(new Path(dir, name), false), artifact);
    }

    private static void write(ArtifactWriter.FileCreator files, ModelArtifact artifact) {
        try {
            ArtifactWriter.writeFiles(artifact, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the artifact and the dictionaries of {@code ids} (a mapped id space) into a new version of {@code store}
     * and publishes it with a format-2 manifest naming the ids' kind; the pointer does not move.
     */
    public static VersionId publish(ModelStore store, ModelArtifact artifact, io.freshet.ids.Ids ids) {
        ModelStore.PendingVersion pending = store.begin();
        write(pending::create, artifact);
        try {
            store.fileSystem().mkdirs(new Path(pending.path(), "ids"));
            io.freshet.artifact.IdDictionaryFile.write(ids.users(),
                    pending.create(io.freshet.artifact.IdDictionaryFile.USERS));
            io.freshet.artifact.IdDictionaryFile.write(ids.items(),
                    pending.create(io.freshet.artifact.IdDictionaryFile.ITEMS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Manifest m = manifest(pending.id(), artifact, Manifest.ACCEPTED);
        Manifest.InputInfo in = m.input();
        return store.publish(pending, new Manifest(Manifest.formatVersionFor(ids.kind()), m.id(), m.createdAt(),
                m.status(), m.freshetVersion(), m.als(), new Manifest.InputInfo(in.path(), in.format(), in.fingerprint(),
                in.rows(), in.users(), in.items(), in.badLines(), ids.kind().label()), m.trainingMillis(), m.metrics(),
                m.gate(), m.files()));
    }
}
