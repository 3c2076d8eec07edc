package io.freshet.predictor.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a batch's sink write is tried again before the stream gives up: {@code retries} more attempts after
 * the first, waiting {@code backoff} before the first retry and twice as long before each next one, never more
 * than {@link #MAX_BACKOFF}.
 */
public record SinkRetry(int retries, Duration backoff) {
    /** The longest wait between two attempts, and the largest {@code --sink-retry-backoff}. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    public SinkRetry {
        Objects.requireNonNull(backoff, "backoff");
        if (retries < 0) {
            throw new IllegalArgumentException("--sink-retries must be 0 or more, got " + retries);
        }
        if (backoff.isNegative() || backoff.isZero() || backoff.compareTo(MAX_BACKOFF) > 0) {
            throw new IllegalArgumentException("--sink-retry-backoff must be more than 0 and at most "
                    + MAX_BACKOFF.toSeconds() + " seconds, got " + backoff.toMillis() / 1000.0);
        }
    }

    /** The wait before retry number {@code retry} (0 for the first): the backoff doubled that often, capped. */
    Duration wait(int retry) {
        long millis = backoff.toMillis() << Math.min(retry, 20);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** How many attempts a batch gets in all. */
    long attempts() {
        return retries + 1L;
    }
}
