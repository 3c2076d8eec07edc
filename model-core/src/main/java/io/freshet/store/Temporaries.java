package io.freshet.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans {@code _tmp/}: an entry goes when nothing in it (the entry itself or any file below it) has been
 * modified for longer than the given age, so a trainer still writing its files keeps its directory. A draft whose
 * lease ({@link DraftLease}) was renewed within the lease time stays whatever the age asked for; an expired lease
 * goes first, then its draft, so that a writer that wakes up finds its lease gone and does not publish.
 */
final class Temporaries {
    private static final Logger LOG = LoggerFactory.getLogger(Temporaries.class);

    private final FileSystem fs;
    private final StoreLayout layout;
    private final Clock clock;
    private final Duration lease;

    Temporaries(FileSystem fs, StoreLayout layout, Clock clock, Duration lease) {
        this.fs = fs;
        this.layout = layout;
        this.clock = clock;
        this.lease = lease;
    }

    int clean(Duration olderThan) {
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must not be negative, got: " + olderThan);
        }
        Path dir = layout.temporariesDir();
        FileStatus[] entries = DirEntries.of(fs, dir);
        Instant now = clock.instant();
        Instant cutoff = now.minus(olderThan);
        Map<String, FileStatus> leases = new HashMap<>();
        for (FileStatus entry : entries) {
            if (entry.getPath().getName().endsWith(StoreLayout.LEASE_SUFFIX)) {
                leases.put(entry.getPath().getName(), entry);
            }
        }
        int deleted = 0;
        for (FileStatus entry : entries) {
            String name = entry.getPath().getName();
            FileStatus held = name.endsWith(StoreLayout.LEASE_SUFFIX) ? entry : leases.get(name + StoreLayout.LEASE_SUFFIX);
            if (held != null && DraftLease.isLive(fs, held, lease, now.toEpochMilli())) {
                LOG.debug("Kept {}: its draft lease was renewed at {}", entry.getPath(), held.getModificationTime());
                continue;
            }
            Optional<Instant> changed = lastChange(entry);
            if (changed.isEmpty() || !changed.get().isBefore(cutoff)) {
                continue;
            }
            if (held == entry) {
                if (delete(entry.getPath())) {
                    LOG.info("Deleted the expired draft lease {}, last renewed {}", entry.getPath(), changed.get());
                }
                continue;
            }
            if (held != null) {
                delete(held.getPath());
            }
            if (delete(entry.getPath())) {
                LOG.info("Deleted the temporary {}, last modified {}{}", entry.getPath(), changed.get(),
                        held == null ? "" : " (its draft lease expired)");
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
