package io.freshet.store;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what {@link RetentionPlan} selects, and directories under versions/ that never got a manifest.
 * A version is first renamed out of versions/ into {@code _tmp/} (it disappears from listings in one
 * step, even on file systems whose recursive delete is not atomic) and then deleted.
 */
final class Pruner {
    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    private final FileSystem fs;
    private final StoreLayout layout;

    Pruner(FileSystem fs, StoreLayout layout) {
        this.fs = fs;
        this.layout = layout;
    }

    /** Returns the complete versions deleted, oldest first. */
    List<VersionId> prune(VersionListing listing, Set<VersionId> protect, int keep, Duration grace, Instant now) {
        List<VersionId> doomed = RetentionPlan.select(listing.completeIds(), protect, keep, grace, now);
        for (VersionId id : doomed) {
            remove(id);
            LOG.info("Pruned version {}", id);
        }
        Instant youngestDeletable = now.minus(grace);
        for (VersionId id : listing.incomplete()) {
            if (!protect.contains(id) && !id.createdAt().isAfter(youngestDeletable)) {
                remove(id);
                LOG.warn("Deleted {}: it has no manifest, so it was never a complete version", layout.versionDir(id));
            }
        }
        return doomed;
    }

    private void remove(VersionId id) {
        Path dir = layout.versionDir(id);
        Path pruned = layout.newPrunedDir(id);
        try {
            if (!fs.mkdirs(layout.temporariesDir())) {
                throw new StoreException("cannot create " + layout.temporariesDir() + ": mkdirs returned false");
            }
            if (!fs.rename(dir, pruned)) {
                throw new StoreException("cannot prune " + dir + ": renaming it to " + pruned + " returned false");
            }
            if (!fs.delete(pruned, true)) {
                throw new StoreException("cannot delete " + pruned + " (pruned from " + dir + "): delete returned false");
            }
        } catch (IOException e) {
            throw new StoreException("cannot prune " + dir + " (via " + pruned + "): " + e.getMessage(), e);
        }
    }
}
