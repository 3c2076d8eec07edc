package io.freshet.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ModelStore} waits for and judges the store lock, and which clock it reads.
 *
 * @param lockWait  how long to wait for a lock held by someone else before {@link StoreLockedException}
 * @param lockLease how old a lock may get before it is considered abandoned and may be broken
 * @param lockPoll  how often to look at a held lock while waiting
 * @param clock     the clock for version ids, lock ages, retention grace, temporary ages and draft leases
 * @param draftBeat how often a version being written renews its lease
 * @param draftLease how long a draft's lease lasts without renewal; until then no clean-up deletes the draft
 * @param chunkBytes the size of the chunks whose SHA-256 a published version's manifest lists for each file
 */
public record StoreSettings(Duration lockWait, Duration lockLease, Duration lockPoll, Clock clock,
                            Duration draftBeat, Duration draftLease, long chunkBytes) {
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOCK_LEASE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_LOCK_POLL = Duration.ofMillis(200);
    public static final Duration DEFAULT_DRAFT_BEAT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DRAFT_LEASE = Duration.ofMinutes(2);
    /** 8 MiB: a 400 MB file has 48 chunk digests, and a reader of a range reads at most a chunk on either side. */
    public static final long DEFAULT_CHUNK_BYTES = 8L << 20;
    /** The largest chunk a store writes or a reader accepts (a reader holds one chunk in memory). */
    public static final long MAX_CHUNK_BYTES = 64L << 20;

    public StoreSettings {
        requireNotNegative("lockWait", lockWait);
        requireNotNegative("lockLease", lockLease);
        requireNotNegative("lockPoll", lockPoll);
        if (lockPoll.isZero()) {
            throw new IllegalArgumentException("lockPoll must be positive, got: " + lockPoll);
        }
        Objects.requireNonNull(clock, "clock");
        requireNotNegative("draftBeat", draftBeat);
        requireNotNegative("draftLease", draftLease);
        if (draftBeat.isZero() || draftLease.compareTo(draftBeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("draftBeat must be positive and draftLease at least twice as long, got: "
                    + draftBeat + " and " + draftLease);
        }
        if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("chunkBytes must be in 1.." + MAX_CHUNK_BYTES + ", got: " + chunkBytes);
        }
    }

    /**
     * 30 s lock wait, 10 min lock lease, 200 ms polling, the UTC system clock, draft leases of 2 min renewed every
     * 10 s, chunks of 8 MiB.
     */
    public static StoreSettings defaults() {
        return new StoreSettings(DEFAULT_LOCK_WAIT, DEFAULT_LOCK_LEASE, DEFAULT_LOCK_POLL, Clock.systemUTC(),
                DEFAULT_DRAFT_BEAT, DEFAULT_DRAFT_LEASE, DEFAULT_CHUNK_BYTES);
    }

    public StoreSettings withLockWait(Duration wait) {
        return new StoreSettings(wait, lockLease, lockPoll, clock, draftBeat, draftLease, chunkBytes);
    }

    public StoreSettings withLockLease(Duration lease) {
        return new StoreSettings(lockWait, lease, lockPoll, clock, draftBeat, draftLease, chunkBytes);
    }

    public StoreSettings withLockPoll(Duration poll) {
        return new StoreSettings(lockWait, lockLease, poll, clock, draftBeat, draftLease, chunkBytes);
    }

    public StoreSettings withClock(Clock newClock) {
        return new StoreSettings(lockWait, lockLease, lockPoll, newClock, draftBeat, draftLease, chunkBytes);
    }

    public StoreSettings withDraftLease(Duration beat, Duration lease) {
        return new StoreSettings(lockWait, lockLease, lockPoll, clock, beat, lease, chunkBytes);
    }

    public StoreSettings withChunkBytes(long bytes) {
        return new StoreSettings(lockWait, lockLease, lockPoll, clock, draftBeat, draftLease, bytes);
    }

    private static void requireNotNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, got: " + value);
        }
    }
}
