package io.freshet.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store lock, {@code STORE/_lock}: a file created exclusively whose content names its owner (host,
 * pid, time, purpose and a random token). Waits for a held lock up to the configured wait; a lock whose
 * file is older than the lease, or whose holder names this host and a process that no longer runs, was
 * abandoned and is broken, but only when its content and modification time are still what was seen. Released by deleting the file, only while it still holds our token.
 */
final class StoreLock {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLock.class);
    private static final SecureRandom TOKENS = new SecureRandom();

    private final FileSystem fs;
    private final ControlFiles files;
    private final Path lockFile;
    private final StoreSettings settings;

    StoreLock(FileSystem fs, ControlFiles files, Path lockFile, StoreSettings settings) {
        this.fs = fs;
        this.files = files;
        this.lockFile = lockFile;
        this.settings = settings;
    }

    /** Takes the lock for {@code purpose} (named in the lock file), waiting up to the configured wait. */
    Held acquire(String purpose) {
        byte[] tokenBytes = new byte[16];
        TOKENS.nextBytes(tokenBytes);
        String token = HexFormat.of().formatHex(tokenBytes);
        byte[] content = ownerText(purpose, token).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + settings.lockWait().toNanos();
        while (true) {
            if (files.createExclusive(lockFile, content)) {
                return new Held(token);
            }
            Optional<Holder> holder = holder();
            long remaining = deadline - System.nanoTime();
            if (holder.isEmpty()) {
                // released between the two looks, or there but unreadable (a dangling symbolic link, say):
                // try again, but within the wait like any other holder
                if (remaining <= 0) {
                    throw new StoreLockedException("the store lock " + lockFile + " exists but cannot be read or "
                            + "taken; waited " + settings.lockWait() + " for it; remove it if no trainer runs");
                }
                pause(Math.min(remaining, settings.lockPoll().toNanos()));
                continue;
            }
            if (isStale(holder.get()) || heldByADeadProcessOnThisHost(holder.get())) {
                breakStale(holder.get());
                continue;
            }
            if (remaining <= 0) {
                throw new StoreLockedException("the store lock " + lockFile + " is held by " + holder.get().describe()
                        + "; waited " + settings.lockWait() + " for it");
            }
            pause(Math.min(remaining, settings.lockPoll().toNanos()));
        }
    }

    /** The lock file's content and modification time, read in that order; empty when it is gone. */
    private Optional<Holder> holder() {
        Optional<byte[]> content = files.read(lockFile);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try {
            long modified = fs.getFileStatus(lockFile).getModificationTime();
            return Optional.of(new Holder(content.get(), modified));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read the status of " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private boolean isStale(Holder holder) {
        Duration age = Duration.between(Instant.ofEpochMilli(holder.modifiedMillis()), settings.clock().instant());
        return age.compareTo(settings.lockLease()) > 0;
    }

    /**
     * True when the holder names this host and a process that no longer runs here (a trainer killed with
     * SIGKILL): its lock need not wait out the lease. A holder on another host, or one whose pid is alive (or
     * was reused), is left to the lease.
     */
    private boolean heldByADeadProcessOnThisHost(Holder holder) {
        return ProcessOwner.deadOnThisHost(new String(holder.content(), StandardCharsets.UTF_8));
    }

    private void breakStale(Holder seen) {
        Optional<Holder> again = holder();
        if (again.isPresent() && again.get().sameAs(seen)) {
            LOG.warn("Breaking the store lock {} held by {}: {}", lockFile, seen.describe(), isStale(seen)
                    ? "older than the lease " + settings.lockLease() : "that process no longer runs on this host");
            files.delete(lockFile);
        }
    }

    private void pause(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos).toMillis(), (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store lock " + lockFile, e);
        }
    }

    private String ownerText(String purpose, String token) {
        return ProcessOwner.lines()
                + "acquired=" + settings.clock().instant() + "\n"
                + "purpose=" + purpose + "\n"
                + "token=" + token + "\n";
    }

    /** What the lock file held when it was looked at. */
    private record Holder(byte[] content, long modifiedMillis) {
        boolean sameAs(Holder other) {
            return modifiedMillis == other.modifiedMillis && Arrays.equals(content, other.content);
        }

        String describe() {
            String text = new String(content, StandardCharsets.UTF_8).strip().replace('\n', ' ');
            return text.isEmpty() ? "an owner that has not written its name yet" : "[" + text + "]";
        }
    }

    /** A held lock; closing it releases it. */
    final class Held implements AutoCloseable {
        private final String token;
        private boolean released;

        private Held(String token) {
            this.token = token;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            Optional<byte[]> content = files.read(lockFile);
            if (content.isEmpty()) {
                LOG.warn("The store lock {} was gone when released: it was broken as stale while held", lockFile);
            } else if (new String(content.get(), StandardCharsets.UTF_8).contains("token=" + token + "\n")) {
                files.delete(lockFile);
            } else {
                LOG.warn("The store lock {} is now held by {}: it was broken as stale while held; leaving it",
                        lockFile, new Holder(content.get(), 0).describe());
            }
        }
    }
}
