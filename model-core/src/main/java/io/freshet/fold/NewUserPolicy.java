package io.freshet.fold;

import java.io.Serializable;

/**
 * How a user the served version does not know is answered once the user has rated through the stream: with the
 * most popular items (less those the user rated) until the user has {@code minRatings} folded ratings of items
 * the version knows; then with the user's folded vector, each item's score raised by
 * {@code popularityWeight * log(1 + count) / log(1 + top count)} (its training rating count against the most
 * rated item's), which leans a vector solved from a handful of ratings towards what most users go on to rate.
 * Known users' lists are never blended.
 */
public record NewUserPolicy(int minRatings, double popularityWeight) implements Serializable {
    /** The default, measured on real ratings split by time (docs/metrics.md, "Fold-in"). */
    public static final NewUserPolicy DEFAULT = new NewUserPolicy(1, 1.0);

    public NewUserPolicy {
        if (minRatings < 1) {
            throw new IllegalArgumentException("the minimum folded ratings of a new user must be at least 1, got "
                    + minRatings);
        }
        if (!(popularityWeight >= 0) || Double.isInfinite(popularityWeight)) {
            throw new IllegalArgumentException("the new-user popularity weight must be a finite number >= 0, got "
                    + popularityWeight);
        }
    }
}
