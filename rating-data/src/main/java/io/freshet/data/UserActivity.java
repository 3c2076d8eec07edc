package io.freshet.data;

import java.util.SplittableRandom;

/**
 * How many ratings each synthetic user gives: min(5, ratings / users, items) each, and the rest shared
 * in proportion to log-normal weights (a few heavy users), never more than there are items.
 */
final class UserActivity {
    static final int MIN_PER_USER = 5;
    static final double WEIGHT_SIGMA = 0.9;

    private UserActivity() {
    }

    static int[] counts(SyntheticRatings.Spec spec, SplittableRandom random) {
        int users = spec.users();
        int items = spec.items();
        int minimum = (int) Math.min(MIN_PER_USER, Math.min(spec.ratings() / users, items));
        LatentStructure.Gaussian gaussian = new LatentStructure.Gaussian(random);
        double[] prefix = new double[users];
        double total = 0;
        for (int u = 0; u < users; u++) {
            total += StrictMath.exp(WEIGHT_SIGMA * gaussian.next());
            prefix[u] = total;
        }
        long extra = spec.ratings() - (long) users * minimum;
        int[] counts = new int[users];
        long overflow = 0;
        long given = 0;
        for (int u = 0; u < users; u++) {
            long upTo = (long) Math.floor(extra * (prefix[u] / total));
            long count = minimum + (upTo - given);
            given = upTo;
            counts[u] = (int) Math.min(count, items);
            overflow += count - counts[u];
        }
        overflow += extra - given; // zero unless rounding left some
        for (int u = 0; overflow > 0; u = (u + 1) % users) {
            if (counts[u] < items) {
                counts[u]++;
                overflow--;
            }
        }
        return counts;
    }
}
