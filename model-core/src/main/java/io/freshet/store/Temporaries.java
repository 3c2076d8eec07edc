package io.freshet.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans {@code _tmp/}: an entry goes when nothing in it (the entry itself or any file below it) has been
 * modified for longer than the given age, so a trainer still writing its files keeps its directory.
 */
final class Temporaries {
    private static final Logger LOG = LoggerFactory.getLogger(Temporaries.class);

    private final FileSystem fs;
    private final StoreLayout layout;
    private final Clock clock;

    Temporaries(FileSystem fs, StoreLayout layout, Clock clock) {
        this.fs = fs;
        this.layout = layout;
        this.clock = clock;
    }

    int clean(Duration olderThan) {
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must not be negative, got: " + olderThan);
        }
        Path dir = layout.temporariesDir();
        FileStatus[] entries;
        try {
            entries = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return 0;
        } catch (IOException e) {
            throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Instant cutoff = clock.instant().minus(olderThan);
        int deleted = 0;
        for (FileStatus entry : entries) {
            Optional<Instant> changed = lastChange(entry);
            if (changed.isPresent() && changed.get().isBefore(cutoff) && delete(entry.getPath())) {
                LOG.info("Deleted the temporary {}, last modified {}", entry.getPath(), changed.get());
                deleted++;
            }
        }
        return deleted;
    }

    /** The newest modification time in the entry's tree; empty when it vanished while being looked at. */
    private Optional<Instant> lastChange(FileStatus entry) {
        long newest = entry.getModificationTime();
        if (entry.isDirectory()) {
            try {
                for (FileStatus file : FileTree.files(fs, entry.getPath())) {
                    newest = Math.max(newest, file.getModificationTime());
                }
            } catch (FileNotFoundException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new StoreException("cannot list " + entry.getPath() + ": " + e.getMessage(), e);
            }
        }
        return Optional.of(Instant.ofEpochMilli(newest));
    }

    private boolean delete(Path path) {
        try {
            return fs.delete(path, true);
        } catch (IOException e) {
            throw new StoreException("cannot delete the temporary " + path + ": " + e.getMessage(), e);
        }
    }
}
