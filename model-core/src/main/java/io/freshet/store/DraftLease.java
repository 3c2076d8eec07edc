package io.freshet.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease a version being written holds on its draft directory (docs/store-format.md, "Draft leases"): the file
 * {@code _tmp/ID.NONCE.lease}, naming its owner's host and pid, whose modification time a daemon thread renews every
 * beat, so that a clean-up in another process (prune, a fit starting) can tell a live draft from an abandoned one
 * whatever its grace. A lease
 * that is deleted under its holder is lost for good: renewing never re-creates it, and {@link #requireHeld} then
 * refuses to publish.
 */
final class DraftLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DraftLease.class);

    private final FileSystem fs;
    private final Path file;
    private final Clock clock;
    private final ScheduledExecutorService beats;
    private volatile boolean lost;

    private DraftLease(FileSystem fs, Path file, Clock clock, Duration beat) {
        this.fs = fs;
        this.file = file;
        this.clock = clock;
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "freshet-draft-lease-" + file.getName());
            t.setDaemon(true);
            return t;
        });
        beats.scheduleWithFixedDelay(this::renew, beat.toMillis(), beat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Creates the lease file of {@code draftDir} (never over an existing one) and starts renewing it. */
    static DraftLease take(FileSystem fs, Path draftDir, StoreSettings settings) {
        Path file = StoreLayout.leaseOf(draftDir);
        try (OutputStream out = FsErrorGuard.of(fs.create(file, false), file)) {
            out.write((ProcessOwner.lines() + "draft=" + draftDir.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException("cannot create the draft lease " + file + ": " + e.getMessage(), e);
        }
        touch(fs, file, settings.clock());
        return new DraftLease(fs, file, settings.clock(), settings.draftBeat());
    }

    /**
     * True while the lease {@code status} was renewed within {@code lease} of {@code nowMillis} and its owner is not
     * a process that no longer runs on this host (a trainer killed with SIGKILL: its draft goes at once).
     */
    static boolean isLive(FileSystem fs, FileStatus status, Duration lease, long nowMillis) {
        if (status.getModificationTime() < nowMillis - lease.toMillis()) {
            return false;
        }
        try (InputStream in = fs.open(status.getPath())) {
            byte[] owner = in.readNBytes(4096);
            return !ProcessOwner.deadOnThisHost(new String(owner, StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            LOG.debug("cannot read the draft lease {}; judging it by its time alone: {}", status.getPath(),
                    e.getMessage());
            return true;
        }
    }

    /** StoreException naming the draft when the lease was deleted under its holder (a clean-up took the draft). */
    void requireHeld(Path draftDir) {
        boolean present;
        try {
            present = fs.exists(file);
        } catch (IOException e) {
            throw new StoreException("cannot read the draft lease " + file + ": " + e.getMessage(), e);
        }
        if (lost || !present) {
            lost = true;
            throw new StoreException("the draft " + draftDir + " lost its lease " + file + " while it was written (a "
                    + "clean-up in another process took it for abandoned, after a pause longer than the lease?): "
                    + "it is not published");
        }
    }

    /** Stops renewing and deletes the lease file (best effort: a leftover lease expires and is cleaned). */
    @Override
    public void close() {
        beats.shutdownNow();
        try {
            fs.delete(file, false);
        } catch (IOException e) {
            LOG.warn("cannot delete the draft lease {} (a later clean-up removes it): {}", file, e.getMessage());
        }
    }

    private void renew() {
        if (lost) {
            return;
        }
        try {
            if (!fs.exists(file)) {
                lost = true;
                LOG.warn("the draft lease {} was deleted by someone else: the draft will not be published", file);
                beats.shutdown();
                return;
            }
            touch(fs, file, clock);
        } catch (StoreException e) {
            LOG.warn("cannot renew the draft lease {} (trying again next beat): {}", file, e.getMessage());
        } catch (IOException e) {
            LOG.warn("cannot look at the draft lease {} (trying again next beat): {}", file, e.getMessage());
        }
    }

    /** Sets the lease's modification time to the store clock's now, never creating the file. */
    private static void touch(FileSystem fs, Path file, Clock clock) {
        try {
            fs.setTimes(file, clock.millis(), -1);
        } catch (FileNotFoundException e) {
            throw new StoreException("the draft lease " + file + " does not exist", e);
        } catch (IOException e) {
            throw new StoreException("cannot renew the draft lease " + file + ": " + e.getMessage(), e);
        }
    }
}
