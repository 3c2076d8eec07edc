package io.freshet.trainer;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactWriter;
import io.freshet.artifact.ModelArtifact;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.recommendation.ALSModel;

/**
 * Writes the files of a pending version: Spark's ALS layout always, and the factor and seen-item files when
 * there is an artifact to write. A model with NaN or Inf factors has none (the factor writer refuses it):
 * it is published, rejected, with its ALS layout and manifest only, for inspection.
 */
final class VersionWriter {
    private final ModelStore store;

    VersionWriter(ModelStore store) {
        this.store = store;
    }

    void write(ModelStore.PendingVersion pending, ALSModel model, Optional<ModelArtifact> artifact) {
        Path dir = pending.path();
        String alsPath = new Path(dir, ArtifactFiles.ALS).toString();
        try {
            model.write().save(alsPath);
        } catch (IOException e) {
            throw new StoreException("cannot write the ALS model to " + alsPath + ": " + e.getMessage(), e);
        }
        if (artifact.isEmpty()) {
            return;
        }
        FileSystem fs = store.fileSystem();
        Path factors = new Path(dir, ArtifactFiles.FACTORS);
        try (OutputStream out = fs.create(factors, false)) {
            ArtifactWriter.writeFactors(artifact.get(), out);
        } catch (IOException e) {
            throw new StoreException("cannot write " + factors + ": " + e.getMessage(), e);
        }
        Path seen = new Path(dir, ArtifactFiles.SEEN);
        try (OutputStream out = fs.create(seen, false)) {
            ArtifactWriter.writeSeen(artifact.get().seen(), out);
        } catch (IOException e) {
            throw new StoreException("cannot write " + seen + ": " + e.getMessage(), e);
        }
    }
}
