package io.freshet.trainer;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactWriter;
import io.freshet.artifact.IdDictionaryFile;
import io.freshet.data.RatingIds;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.recommendation.ALSModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a version being written, before it is published. Spark's ALS layout is saved on a thread of its
 * own from the moment the fit ends (a few small Spark jobs, mostly waiting), while the trainer exports and
 * evaluates the model; {@link #finish} adds the factor and seen-item files and waits for the ALS layout. A model
 * with NaN or Inf factors has no artifact (the factor writer refuses it): its version holds the ALS layout and
 * the manifest only, for inspection. A version of 64-bit or string ids gets its two id dictionaries either way. A draft that is not finished is discarded: its directory is deleted, and
 * what a crash leaves is a temporary that a later run cleans once its lease expires. The factor and seen-item files
 * are created in the draft without re-creating a draft that a clean-up deleted.
 */
final class VersionDraft {
    private static final Logger LOG = LoggerFactory.getLogger(VersionDraft.class);

    private final ModelStore.PendingVersion pending;
    private final FutureTask<Void> alsLayout;
    private boolean finished;

    private VersionDraft(ModelStore.PendingVersion pending, FutureTask<Void> alsLayout) {
        this.pending = pending;
        this.alsLayout = alsLayout;
    }

    /** Begins a pending version and starts saving {@code model}'s ALS layout into it. */
    static VersionDraft start(ModelStore store, ALSModel model) {
        ModelStore.PendingVersion pending = store.begin();
        String alsPath = new Path(pending.path(), ArtifactFiles.ALS).toString();
        FutureTask<Void> save = new FutureTask<>(() -> {
            model.write().save(alsPath);
            return null;
        });
        Thread thread = new Thread(save, "freshet-als-save-" + pending.id());
        thread.setDaemon(true);
        thread.start();
        LOG.info("writing version {}", pending.id());
        return new VersionDraft(pending, save);
    }

    ModelStore.PendingVersion pending() {
        return pending;
    }

    /**
     * Writes the artifact's files, if any, and the id dictionaries of mapped ids, and waits for the ALS layout: the
     * version is then ready to publish.
     */
    ModelStore.PendingVersion finish(Optional<ArtifactBody> artifact, RatingIds ids) {
        artifact.ifPresent(this::writeArtifact);
        if (ids.mapped()) {
            writeDictionaries(ids);
        }
        awaitAlsLayout();
        finished = true;
        return pending;
    }

    /** Deletes the files of a draft that will not be published (after its ALS save ended); no-op once finished. */
    void discard() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            awaitAlsLayout();
        } catch (RuntimeException e) {
            LOG.debug("discarded draft {}: its ALS save failed too: {}", pending.id(), e.getMessage());
        }
        pending.discard();
    }

    private void awaitAlsLayout() {
        String alsPath = new Path(pending.path(), ArtifactFiles.ALS).toString();
        try {
            alsLayout.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while the ALS model was written to " + alsPath, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new StoreException("cannot write the ALS model to " + alsPath + ": " + cause.getMessage(), cause);
        }
    }

    /** Streams both dictionaries from the executors into the draft (docs/store-format.md, "Id dictionaries"). */
    private void writeDictionaries(RatingIds ids) {
        try {
            ids.writeUsers(pending.create(IdDictionaryFile.USERS));
            ids.writeItems(pending.create(IdDictionaryFile.ITEMS));
        } catch (IOException e) {
            throw new StoreException("cannot write the id dictionaries of version " + pending.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes a version's factor and seen-item files through the files the draft creates. */
    @FunctionalInterface
    interface ArtifactBody {
        void writeTo(ArtifactWriter.FileCreator files) throws IOException;
    }

    private void writeArtifact(ArtifactBody artifact) {
        try {
            artifact.writeTo(pending::create);
        } catch (IOException e) {
            throw new StoreException("cannot write the artifact of version " + pending.id() + ": " + e.getMessage(), e);
        }
    }
}
