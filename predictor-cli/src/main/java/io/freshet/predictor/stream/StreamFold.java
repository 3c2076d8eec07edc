package io.freshet.predictor.stream;

import io.freshet.fold.NewUserPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How the stream folds rating events (docs/events.md, "Fold-in"): whether it keeps fold-in state at all, how it
 * answers new users, and the state's bounds: users idle for longer than {@code idleTimeout} are dropped, and beyond
 * {@code maxUsers} the least recently active go first.
 */
public record StreamFold(boolean enabled, NewUserPolicy newUsers, Duration idleTimeout, int maxUsers) {
    public static final StreamFold DEFAULT = new StreamFold(true, NewUserPolicy.DEFAULT, Duration.ofDays(30), 1_000_000);

    public StreamFold {
        Objects.requireNonNull(newUsers, "newUsers");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("--fold-idle-timeout must be positive, got " + idleTimeout);
        }
        if (maxUsers < 1) {
            throw new IllegalArgumentException("--fold-max-users must be at least 1, got " + maxUsers);
        }
    }
}
