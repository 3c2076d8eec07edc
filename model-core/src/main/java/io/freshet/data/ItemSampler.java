package io.freshet.data;

import java.util.SplittableRandom;

/**
 * Draws the distinct items a synthetic user rates: by a Zipf law over a random popularity order, or,
 * for a user who rates more than a quarter of all items, uniformly (a Zipf draw of that many distinct
 * items would take too long).
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

    /** Fills {@code out[0..count)} with distinct item ids for {@code user} (a positive id, increasing across calls). */
    void sample(int user, int count, SplittableRandom random, int[] out) {
        if ((long) count * 4 > items) {
            uniform(count, random, out);
            return;
        }
        double total = cumulative[items - 1];
        long attempts = 64L * count + 1_024;
        int found = 0;
        while (found < count && attempts-- > 0) {
            int item = byPopularity[rankOf(random.nextDouble() * total)];
            if (chosenBy[item - 1] != user) {
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

    private void uniform(int count, SplittableRandom random, int[] out) {
        for (int i = 0; i < items; i++) {
            out[i] = i + 1;
        }
        shuffle(out, count, random);
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
