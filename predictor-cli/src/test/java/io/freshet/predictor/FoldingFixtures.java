package io.freshet.predictor;

import io.freshet.artifact.ArtifactWriter;
import io.freshet.artifact.ModelArtifact;
import io.freshet.artifact.SeenItems;
import io.freshet.artifact.TrainedRatings;
import io.freshet.artifact.TrainedRatingsFile;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Fixture versions that fold: a model with its trained ratings (each user's seen items, rated 4). */
public final class FoldingFixtures {
    private FoldingFixtures() {
    }

    /** Publishes {@code model} with a trained-rating shard and moves the pointer to it. */
    public static VersionId publishCurrent(ModelStore store, ModelArtifact model) throws IOException {
        ModelStore.PendingVersion pending = store.begin();
        ArtifactWriter.writeFiles(model, pending::create);
        SeenItems seen = model.seen();
        float[] values = new float[seen.itemIds().length];
        Arrays.fill(values, 4f);
        store.fileSystem().mkdirs(new org.apache.hadoop.fs.Path(pending.path(), TrainedRatingsFile.DIRECTORY));
        try (OutputStream o = pending.create(TrainedRatingsFile.shardName(0))) {
            TrainedRatingsFile.write(new TrainedRatings(seen.userIds(), seen.offsets(), seen.itemIds(), values), o);
        }
        VersionId id = store.publish(pending, ModelFixtures.manifest(pending.id(), model, Manifest.ACCEPTED));
        store.promote(id);
        return id;
    }
}
