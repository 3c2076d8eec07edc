package io.freshet.store;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one code path that changes CURRENT or PIN: every promotion, rollback, pin and unpin runs here under the store
 * lock, and each appends its record to the pointer history before the lock is released, so the records list in the
 * order the moves were made even with several processes at the store. Replacing CURRENT comes first and recording
 * second: a mover killed between the two leaves CURRENT moved and unrecorded, and the next mover, finding that
 * CURRENT is not where the last record left it, records that move (cause {@code unrecorded}) before its own.
 */
final class PointerMover {
    private static final Logger LOG = LoggerFactory.getLogger(PointerMover.class);

    private final FileSystem fs;
    private final StoreLayout layout;
    private final Pointer pointer;
    private final PinFile pinFile;
    private final PointerHistory history;
    private final StoreLock lock;
    private final Clock clock;
    private final Consumer<VersionId> requirePromotable;

    PointerMover(FileSystem fs, StoreLayout layout, ControlFiles files, StoreLock lock, Clock clock,
                 Consumer<VersionId> requirePromotable) {
        this.fs = fs;
        this.layout = layout;
        this.pointer = new Pointer(layout, files);
        this.pinFile = new PinFile(layout, files);
        this.history = new PointerHistory(fs, layout, files);
        this.lock = lock;
        this.clock = clock;
        this.requirePromotable = requirePromotable;
    }

    Optional<Pin> pin() {
        return pinFile.read();
    }

    PointerHistory history() {
        return history;
    }

    /**
     * Moves CURRENT to {@code id} for {@code move}, unless a pin holds it (PinnedException) or {@code check}, run
     * under the lock, throws. Returns the version CURRENT named before.
     */
    Optional<VersionId> move(VersionId id, PointerMove move, Runnable check) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(move, "move");
        requirePromotable.accept(id);
        try (StoreLock.Held held = lock.acquire(move.cause() + " " + id)) {
            requirePromotable.accept(id);
            Optional<Pin> pinned = pinFile.read();
            if (pinned.isPresent()) {
                throw new PinnedException(id, pinned.get());
            }
            check.run();
            Optional<VersionId> previous = recordedPointer();
            pointer.write(id);
            append(move.cause(), previous, Optional.of(id), move.reason(), move.gate());
            LOG.info("Store {}: CURRENT now names {} (was {}; {})", layout.root().toUri(), id,
                    previous.map(VersionId::value).orElse("none"), move.cause());
            return previous;
        }
    }

    /** Pins the pointer to {@code id}, moving CURRENT there first when it names another version. */
    Optional<VersionId> pin(VersionId id, String reason) {
        Objects.requireNonNull(id, "id");
        requirePromotable.accept(id);
        try (StoreLock.Held held = lock.acquire(PointerMove.PIN + " " + id)) {
            requirePromotable.accept(id);
            Optional<VersionId> previous = recordedPointer();
            if (!previous.equals(Optional.of(id))) {
                pointer.write(id);
            }
            pinFile.write(new Pin(Pin.FORMAT_VERSION, id.value(), clock.instant(), ProcessOwner.userName(),
                    ProcessOwner.hostName(), reason));
            append(PointerMove.PIN, previous, Optional.of(id), reason, null);
            LOG.info("Store {}: pinned to {} (CURRENT was {})", layout.root().toUri(), id,
                    previous.map(VersionId::value).orElse("none"));
            return previous;
        }
    }

    /**
     * Removes the pin; returns what it held (empty when there was none, and nothing is recorded then). A PIN that
     * holds no pin of the known format is removed too, and returned as empty.
     */
    Optional<Pin> unpin(String reason) {
        try (StoreLock.Held held = lock.acquire(PointerMove.UNPIN)) {
            Optional<Pin> was;
            try {
                was = pinFile.read();
            } catch (StoreException unreadable) {
                LOG.warn("Removing an unreadable pin: {}", unreadable.getMessage());
                was = Optional.empty();
            }
            if (!pinFile.delete()) {
                return Optional.empty();
            }
            Optional<VersionId> current = recordedPointer();
            append(PointerMove.UNPIN, current, current, reason, null);
            LOG.info("Store {}: unpinned ({})", layout.root().toUri(), was.map(Pin::describe).orElse("unreadable pin"));
            return was;
        }
    }

    /**
     * What CURRENT names now, after recording, when it is not where the last record left it, the move that took it
     * there unrecorded.
     */
    private Optional<VersionId> recordedPointer() {
        Optional<VersionId> now = pointer.read().flatMap(Pointer::parse);
        Optional<HistoryRecord> last;
        try {
            last = history.last();
        } catch (StoreException unreadable) {
            LOG.warn("Cannot tell whether CURRENT moved unrecorded: {}", unreadable.getMessage());
            return now;
        }
        String recorded = last.map(HistoryRecord::to).orElse(null);
        String actual = now.map(VersionId::value).orElse(null);
        if (Objects.equals(recorded, actual)) {
            return now;
        }
        String reason = last.isEmpty()
                ? "CURRENT named " + actual + " when the history began (moved by a Freshet without a pointer history)"
                : "CURRENT named " + actual + ", not " + recorded + " where record " + last.get().sequence() + " left "
                        + "it: a move whose writer stopped before recording it, or made by a Freshet without history";
        HistoryRecord found = new HistoryRecord(HistoryRecord.FORMAT_VERSION, 1, pointerModified(),
                PointerMove.UNRECORDED, recorded, actual, null, null, null, reason, null);
        LOG.warn("Store {}: recording a pointer move found unrecorded: {}", layout.root().toUri(), reason);
        history.append(found);
        return now;
    }

    private void append(String cause, Optional<VersionId> from, Optional<VersionId> to, String reason,
                        Manifest.GateDecision gate) {
        history.append(new HistoryRecord(HistoryRecord.FORMAT_VERSION, 1, clock.instant(), cause,
                from.map(VersionId::value).orElse(null), to.map(VersionId::value).orElse(null), ProcessOwner.userName(),
                ProcessOwner.hostName(), ProcessHandle.current().pid(), reason, gate));
    }

    /** When CURRENT was last replaced; this clock's time when that cannot be read. */
    private Instant pointerModified() {
        try {
            return Instant.ofEpochMilli(fs.getFileStatus(layout.pointerFile()).getModificationTime());
        } catch (IOException e) {
            return clock.instant();
        }
    }
}
