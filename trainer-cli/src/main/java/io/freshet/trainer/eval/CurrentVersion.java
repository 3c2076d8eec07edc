package io.freshet.trainer.eval;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.FactorMatrix;
import io.freshet.serving.ModelLoader;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.recommendation.ALSModel;

/**
 * The version the pointer names, loaded to be scored on this run's holdout: its factors, and the path of its
 * ALS layout for the regression metrics.
 */
public record CurrentVersion(VersionId id, FactorMatrix users, FactorMatrix items, String alsPath) {

    /**
     * Loads {@code id} once, as the predictor would (ModelLoader: manifest, checksums, format, finite factors),
     * keeping its factor matrices to rank them against this run's training items rather than its own seen items.
     *
     * @throws io.freshet.CorruptVersionException when the version is not fit to serve
     */
    public static CurrentVersion load(ModelStore store, VersionId id) {
        ModelLoader.Loaded loaded = new ModelLoader(store).loadWithFactors(id);
        return new CurrentVersion(id, loaded.users(), loaded.items(),
                new Path(store.versionPath(id), ArtifactFiles.ALS).toString());
    }

    /** The version's ALS layout, for Spark's transform. */
    public ALSModel alsModel() {
        return ALSModel.load(alsPath);
    }
}
