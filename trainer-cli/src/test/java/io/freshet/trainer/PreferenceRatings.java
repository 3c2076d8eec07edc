package io.freshet.trainer;

import io.freshet.data.LatentStructure;
import io.freshet.data.SyntheticRatings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Test ratings in MovieLens format where users choose what to rate by taste: the latent structure of
 * {@link SyntheticRatings} (biases and factors), but each user rates the items it is expected to like more
 * often (weight exp(2 x (expected rating - 3.5))), as people do. {@code trainer generate} draws the rated items
 * by popularity alone, independently of taste, so on its data no model can predict which items a user will
 * rate better than popularity does; on these it can, which is what the ranking metrics measure.
 */
final class PreferenceRatings {
    private static final double TASTE = 2.0;

    private PreferenceRatings() {
    }

    static Path write(Path file, int users, int items, int perUser, long seed) {
        LatentStructure structure = SyntheticRatings.structure(
                new SyntheticRatings.Spec(users, items, (long) users * perUser, 4, seed));
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder();
        long time = 1_600_000_000L;
        for (int u = 1; u <= users; u++) {
            double[] keys = new double[items];
            Integer[] order = new Integer[items];
            for (int i = 1; i <= items; i++) {
                double weight = Math.exp(TASTE * (structure.expectedRating(u, i) - 3.5));
                keys[i - 1] = -Math.log(1 - random.nextDouble()) / weight; // weighted sampling without replacement
                order[i - 1] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(keys[a - 1], keys[b - 1]));
            for (int k = 0; k < perUser; k++) {
                int item = order[k];
                double noisy = structure.expectedRating(u, item) + structure.noiseStd() * gaussian(random);
                double rating = Math.max(0.5, Math.min(5, Math.round(noisy * 2) / 2.0));
                out.append(u).append("::").append(item).append("::").append(String.format(Locale.ROOT, "%.1f", rating))
                        .append("::").append(time += 1 + random.nextInt(1000)).append('\n');
            }
        }
        try {
            return Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
