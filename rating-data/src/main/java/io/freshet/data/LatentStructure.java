package io.freshet.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The hidden model behind a synthetic rating set: a global mean, a bias per user and per item, and
 * {@code rank}-dimensional user and item factors. A written rating is
 * {@code expectedRating(user, item) + noise}, rounded to a half star and clamped to [0.5, 5], where the
 * noise is close to normal with standard deviation {@link #noiseStd()}. Ids are 1-based, as written.
 */
public final class LatentStructure {
    static final double GLOBAL_MEAN = 3.5;
    static final double BIAS_STD = 0.35;
    static final double NOISE_STD = 0.5;
    /** The standard deviation of a user-item factor product. */
    static final double INTERACTION_STD = 0.9;

    private final int users;
    private final int items;
    private final int rank;
    private final double[] userBias;
    private final double[] itemBias;
    private final double[] userFactors;
    private final double[] itemFactors;

    private LatentStructure(int users, int items, int rank, double[] userBias, double[] itemBias,
                            double[] userFactors, double[] itemFactors) {
        this.users = users;
        this.items = items;
        this.rank = rank;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
    }

    /** Draws biases and factors; each factor entry is normal with a deviation that makes a product's deviation 0.9. */
    static LatentStructure draw(int users, int items, int rank, SplittableRandom random) {
        Gaussian gaussian = new Gaussian(random);
        double factorStd = Math.pow(INTERACTION_STD * INTERACTION_STD / rank, 0.25);
        double[] userBias = gaussian.fill(new double[users], BIAS_STD);
        double[] itemBias = gaussian.fill(new double[items], BIAS_STD);
        double[] userFactors = gaussian.fill(new double[users * rank], factorStd);
        double[] itemFactors = gaussian.fill(new double[items * rank], factorStd);
        return new LatentStructure(users, items, rank, userBias, itemBias, userFactors, itemFactors);
    }

    public int rank() {
        return rank;
    }

    /** The standard deviation of the noise added to each expected rating before rounding. */
    public double noiseStd() {
        return NOISE_STD;
    }

    /** mean + user bias + item bias + user factor . item factor, before noise, rounding and clamping. */
    public double expectedRating(int user, int item) {
        return GLOBAL_MEAN + userBias[index(user, users, "user")] + itemBias[index(item, items, "item")]
                + affinity(user, item);
    }

    /** The user factor . item factor part of the expected rating: how much this user's taste favours this item. */
    public double affinity(int user, int item) {
        int u = index(user, users, "user");
        int i = index(item, items, "item");
        double dot = 0;
        for (int k = 0; k < rank; k++) {
            dot += userFactors[u * rank + k] * itemFactors[i * rank + k];
        }
        return dot;
    }

    /** A copy of the factor of a user (1-based id). */
    public double[] userFactor(int user) {
        int u = index(user, users, "user");
        return Arrays.copyOfRange(userFactors, u * rank, (u + 1) * rank);
    }

    /** A copy of the factor of an item (1-based id). */
    public double[] itemFactor(int item) {
        int i = index(item, items, "item");
        return Arrays.copyOfRange(itemFactors, i * rank, (i + 1) * rank);
    }

    private static int index(int id, int count, String what) {
        if (id < 1 || id > count) {
            throw new IllegalArgumentException(what + " id must be in [1, " + count + "], got " + id);
        }
        return id - 1;
    }

    /** Normal deviates by Box-Muller with StrictMath, so a seed gives the same values on every JVM. */
    static final class Gaussian {
        private final SplittableRandom random;

        Gaussian(SplittableRandom random) {
            this.random = random;
        }

        double next() {
            double u = 1.0 - random.nextDouble(); // (0, 1]
            double v = random.nextDouble();
            return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
        }

        double[] fill(double[] values, double std) {
            for (int i = 0; i < values.length; i++) {
                values[i] = std * next();
            }
            return values;
        }
    }
}
