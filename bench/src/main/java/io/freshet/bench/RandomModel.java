package io.freshet.bench;

import io.freshet.FreshetVersion;
import io.freshet.artifact.ArtifactWriter;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.artifact.SeenItems;
import io.freshet.artifact.TrainedRatings;
import io.freshet.artifact.TrainedRatingsFile;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/** Random factors of a given shape, published as a real store version, for benchmarks that need a model of size. */
final class RandomModel {
    private RandomModel() {
    }

    static ModelArtifact create(int users, int items, int rank, int seenPerUser, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FactorMatrix u = matrix(users, rank, rnd);
        FactorMatrix i = matrix(items, rank, rnd);
        int[] userIds = new int[users];
        int[] offsets = new int[users + 1];
        int[] seen = new int[users * seenPerUser];
        int at = 0;
        for (int k = 0; k < users; k++) {
            userIds[k] = k + 1;
            int[] picks = rnd.ints(1, items + 1).distinct().limit(seenPerUser).sorted().toArray();
            System.arraycopy(picks, 0, seen, at, picks.length);
            at += picks.length;
            offsets[k + 1] = at;
        }
        int[] popular = new int[Math.min(items, 1000)];
        int[] counts = new int[popular.length];
        for (int k = 0; k < popular.length; k++) {
            popular[k] = k + 1;
            counts[k] = popular.length - k;
        }
        return new ModelArtifact(u, i, popular, counts, new SeenItems(userIds, offsets, Arrays.copyOf(seen, at)));
    }

    private static FactorMatrix matrix(int n, int rank, SplittableRandom rnd) {
        int[] ids = new int[n];
        float[] values = new float[n * rank];
        for (int r = 0; r < n; r++) {
            ids[r] = r + 1;
            for (int k = 0; k < rank; k++) {
                values[r * rank + k] = (float) (rnd.nextGaussian() * 0.5);
            }
        }
        return new FactorMatrix(rank, ids, values);
    }

    /** Publishes the artifact (factor and seen-item files, no ALS layout) and moves the pointer to it. */
    static VersionId publishCurrent(ModelStore store, ModelArtifact artifact) {
        return publishCurrent(store, artifact, false);
    }

    /**
     * As {@link #publishCurrent(ModelStore, ModelArtifact)}; with {@code folds}, also a trained-rating shard (each
     * user's seen items rated 4) and explicit-ALS parameters, so the version folds rating events.
     */
    static VersionId publishCurrent(ModelStore store, ModelArtifact artifact, boolean folds) {
        ModelStore.PendingVersion pending = store.begin();
        try {
            ArtifactWriter.writeFiles(artifact, pending::create);
            if (folds) {
                SeenItems seen = artifact.seen();
                float[] values = new float[seen.itemIds().length];
                Arrays.fill(values, 4f);
                store.fileSystem().mkdirs(new org.apache.hadoop.fs.Path(pending.path(), TrainedRatingsFile.DIRECTORY));
                try (java.io.OutputStream out = pending.create(TrainedRatingsFile.shardName(0))) {
                    TrainedRatingsFile.write(new TrainedRatings(seen.userIds(), seen.offsets(), seen.itemIds(), values),
                            out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, pending.id().value(), Instant.now(),
                Manifest.ACCEPTED, FreshetVersion.get(), new Manifest.AlsParams(artifact.rank(), 0, folds ? 0.1 : 0, 0, false, false, 0),
                new Manifest.InputInfo("random factors (benchmark)", "none", "-", artifact.seen().entries(),
                        artifact.users().size(), artifact.items().size(), 0), 0, Map.of(), null, null);
        VersionId id = store.publish(pending, manifest);
        store.promote(id);
        return id;
    }
}
