package io.freshet.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The item availability files, {@code availability/ID.json}: immutable, named by an id made like a version's, so the
 * newest sorts last. A file is written whole under {@code _tmp/} and moved into place without replacing anything
 * ({@link ControlFiles#createNew}): a reader never finds a torn file written this way.
 */
final class AvailabilityFiles {
    private final FileSystem fs;
    private final StoreLayout layout;
    private final ControlFiles files;
    private final Clock clock;

    AvailabilityFiles(FileSystem fs, StoreLayout layout, ControlFiles files, Clock clock) {
        this.fs = fs;
        this.layout = layout;
        this.files = files;
        this.clock = clock;
    }

    /** The ids of the availability files, oldest first; other names in availability/ are ignored. */
    List<VersionId> ids() {
        List<VersionId> ids = new ArrayList<>();
        for (FileStatus entry : DirEntries.of(fs, layout.availabilityDir())) {
            String name = entry.getPath().getName();
            if (entry.isFile() && name.endsWith(StoreLayout.RECORD_SUFFIX)) {
                String id = name.substring(0, name.length() - StoreLayout.RECORD_SUFFIX.length());
                if (VersionId.isValid(id)) {
                    ids.add(VersionId.parse(id));
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    /** The bytes of one file; StoreException when it cannot be read or is gone. */
    byte[] read(VersionId id) {
        Path file = layout.availabilityFile(id);
        return files.read(file).orElseThrow(() -> new StoreException(file + " vanished while being read"));
    }

    /** Writes {@code content} as a new file, newer than every file there; returns its id. */
    VersionId publish(byte[] content) {
        List<VersionId> existing = ids();
        VersionId newest = existing.isEmpty() ? null : existing.get(existing.size() - 1);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            VersionId id = VersionId.generate(clock);
            if (newest != null && id.compareTo(newest) <= 0) {
                continue; // the same second as the newest, with a lower suffix: it would not be served
            }
            if (files.createNew(layout.availabilityFile(id), layout.newAvailabilityTemp(), content)) {
                return id;
            }
        }
        throw new StoreException("cannot name a new availability file in " + layout.availabilityDir()
                + " after the newest one, " + newest + ": is this host's clock behind the one that wrote it?");
    }

    /** Where the files live (for messages). */
    Path dir() {
        return layout.availabilityDir();
    }
}
