package io.freshet.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws the distinct items a synthetic user rates: by a Zipf law over a random popularity order, each draw
 * kept with the probability a {@link Taste} gives it for the user (so users rate what they like as well as what
 * is popular); for a user who rates more than a quarter of all items (where rejecting repeated draws would take
 * too long), by weighted sampling without replacement with the same weights, Zipf weight x taste.
 */
final class ItemSampler {
    private final int items;
    /** Item id (1-based) by popularity rank (0 = most popular). */
    private final int[] byPopularity;
    /** Cumulative Zipf weight up to each popularity rank. */
    private final double[] cumulative;
    /** The user that last chose each item (0-based index by item id - 1), to keep a user's items distinct. */
    private final int[] chosenBy;

    ItemSampler(int items, double exponent, SplittableRandom random) {
        this.items = items;
        this.byPopularity = new int[items];
        for (int i = 0; i < items; i++) {
            byPopularity[i] = i + 1;
        }
        shuffle(byPopularity, items, random);
        this.cumulative = new double[items];
        double total = 0;
        for (int rank = 0; rank < items; rank++) {
            total += 1 / StrictMath.pow(rank + 1, exponent);
            cumulative[rank] = total;
        }
        this.chosenBy = new int[items];
    }

    /** How likely a user is to rate a drawn item: a probability in [0, 1]. */
    interface Taste {
        double keep(int user, int item);
    }

    /**
     * Fills {@code out[0..count)} with distinct item ids for {@code user} (a positive id, increasing across calls),
     * each Zipf draw kept with probability {@code taste.keep(user, item)}.
     */
    void sample(int user, int count, SplittableRandom random, Taste taste, int[] out) {
        if ((long) count * 4 > items) {
            weighted(user, count, random, taste, out);
            return;
        }
        double total = cumulative[items - 1];
        long attempts = 256L * count + 4_096;
        int found = 0;
        while (found < count && attempts-- > 0) {
            int item = byPopularity[rankOf(random.nextDouble() * total)];
            if (chosenBy[item - 1] != user && random.nextDouble() < taste.keep(user, item)) {
                chosenBy[item - 1] = user;
                out[found++] = item;
            }
        }
        for (int item = 1 + random.nextInt(items); found < count; item = item % items + 1) {
            if (chosenBy[item - 1] != user) {
                chosenBy[item - 1] = user;
                out[found++] = item;
            }
        }
    }

    /**
     * The {@code count} items with the largest keys {@code log(u) / weight} (u uniform in (0, 1]): a weighted
     * sample without replacement (Efraimidis and Spirakis), the weight of an item its Zipf weight x taste.
     */
    private void weighted(int user, int count, SplittableRandom random, Taste taste, int[] out) {
        double[] keys = new double[items];
        Integer[] order = new Integer[items];
        for (int rank = 0; rank < items; rank++) {
            int item = byPopularity[rank];
            double weight = (cumulative[rank] - (rank == 0 ? 0 : cumulative[rank - 1])) * taste.keep(user, item);
            keys[item - 1] = StrictMath.log(1.0 - random.nextDouble()) / weight;
            order[item - 1] = item;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[b - 1], keys[a - 1]));
        for (int i = 0; i < count; i++) {
            out[i] = order[i];
        }
    }

    /** Moves a uniform random choice of {@code count} values to the front (partial Fisher-Yates). */
    private static void shuffle(int[] values, int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(values.length - i);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** The first rank whose cumulative weight exceeds {@code weight}. */
    private int rankOf(double weight) {
        int low = 0;
        int high = items - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > weight) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
