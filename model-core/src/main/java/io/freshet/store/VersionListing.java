package io.freshet.store;

import io.freshet.CorruptVersionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at {@code versions/}: the complete versions (a directory named by a version id holding a
 * readable manifest of a known format) and the incomplete ones (a directory without manifest.json).
 * Everything else is skipped with a warning and left alone.
 *
 * @param complete   manifests of the complete versions, oldest first
 * @param incomplete ids of directories without a manifest, oldest first
 */
record VersionListing(List<Manifest> complete, List<VersionId> incomplete) {
    private static final Logger LOG = LoggerFactory.getLogger(VersionListing.class);

    VersionListing {
        complete = List.copyOf(complete);
        incomplete = List.copyOf(incomplete);
    }

    List<VersionId> completeIds() {
        return complete.stream().map(Manifest::versionId).toList();
    }

    static VersionListing scan(FileSystem fs, StoreLayout layout, VersionReader reader) {
        Path dir = layout.versionsDir();
        FileStatus[] entries = DirEntries.of(fs, dir);
        List<Manifest> complete = new ArrayList<>();
        List<VersionId> incomplete = new ArrayList<>();
        for (FileStatus entry : entries) {
            String name = entry.getPath().getName();
            if (!entry.isDirectory() || !VersionId.isValid(name)) {
                LOG.warn("Skipping {}: not a version directory", entry.getPath());
                continue;
            }
            VersionId id = VersionId.parse(name);
            try {
                complete.add(reader.manifest(entry.getPath(), id));
            } catch (VersionNotFoundException e) {
                LOG.warn("Skipping version {}: incomplete, it has no manifest ({})", id, e.getMessage());
                incomplete.add(id);
            } catch (CorruptVersionException e) {
                LOG.warn("Skipping version {}: its manifest cannot be used: {}", id, e.getMessage());
            }
        }
        complete.sort(Comparator.comparing(Manifest::id));
        incomplete.sort(Comparator.naturalOrder());
        return new VersionListing(complete, incomplete);
    }
}
