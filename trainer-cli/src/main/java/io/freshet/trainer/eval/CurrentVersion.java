package io.freshet.trainer.eval;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactReader;
import io.freshet.artifact.FactorMatrix;
import io.freshet.serving.ModelLoader;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreException;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.recommendation.ALSModel;

/**
 * The version the pointer names, loaded to be scored on this run's holdout: its factors, and the path of its
 * ALS layout for the regression metrics.
 */
public record CurrentVersion(VersionId id, FactorMatrix users, FactorMatrix items, String alsPath) {

    /**
     * Loads {@code id} as the predictor would (ModelLoader: manifest, checksums, format, finite factors), then
     * reads its factor matrices again to rank them against this run's training items rather than its own seen
     * items (the serving model keeps them packed in its scorer). The second read is of a file just verified
     * and costs little next to the fit.
     *
     * @throws io.freshet.CorruptVersionException when the version is not fit to serve
     */
    public static CurrentVersion load(ModelStore store, VersionId id) {
        new ModelLoader(store).load(id);
        String name = "version " + id + " file " + ArtifactFiles.FACTORS;
        try (InputStream in = store.openFile(id, ArtifactFiles.FACTORS)) {
            ArtifactReader.Factors f = ArtifactReader.readFactors(in, store.fileLength(id, ArtifactFiles.FACTORS), name);
            return new CurrentVersion(id, f.users(), f.items(),
                    new Path(store.versionPath(id), ArtifactFiles.ALS).toString());
        } catch (IOException e) {
            throw new StoreException("cannot read " + store.versionPath(id) + "/" + ArtifactFiles.FACTORS + ": "
                    + e.getMessage(), e);
        }
    }

    /** The version's ALS layout, for Spark's transform. */
    public ALSModel alsModel() {
        return ALSModel.load(alsPath);
    }
}
