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
 * @param clock     the clock for version ids, lock ages, retention grace and temporary ages
 */
public record StoreSettings(Duration lockWait, Duration lockLease, Duration lockPoll, Clock clock) {
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOCK_LEASE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_LOCK_POLL = Duration.ofMillis(200);

    public StoreSettings {
        requireNotNegative("lockWait", lockWait);
        requireNotNegative("lockLease", lockLease);
        requireNotNegative("lockPoll", lockPoll);
        if (lockPoll.isZero()) {
            throw new IllegalArgumentException("lockPoll must be positive, got: " + lockPoll);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** 30 s lock wait, 10 min lease, 200 ms polling, the UTC system clock. */
    public static StoreSettings defaults() {
        return new StoreSettings(DEFAULT_LOCK_WAIT, DEFAULT_LOCK_LEASE, DEFAULT_LOCK_POLL, Clock.systemUTC());
    }

    public StoreSettings withLockWait(Duration wait) {
        return new StoreSettings(wait, lockLease, lockPoll, clock);
    }

    public StoreSettings withLockLease(Duration lease) {
        return new StoreSettings(lockWait, lease, lockPoll, clock);
    }

    public StoreSettings withLockPoll(Duration poll) {
        return new StoreSettings(lockWait, lockLease, poll, clock);
    }

    public StoreSettings withClock(Clock newClock) {
        return new StoreSettings(lockWait, lockLease, lockPoll, newClock);
    }

    private static void requireNotNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, got: " + value);
        }
    }
}
