package io.freshet.data;

import io.freshet.store.FsErrorGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes a synthetic rating set in MovieLens format, {@code user::item::rating::timestamp}, ids from 1,
 * to one file through the Hadoop FileSystem (docs/input-formats.md). The ratings come from a
 * {@link LatentStructure} plus noise, as half stars in [0.5, 5]. Users rate what is popular and what they
 * like, as on real sites: items are drawn by a Zipf law (s = 1) over a random popularity order, and each draw
 * is kept with probability {@code min(1, exp(TASTE x (affinity - TASTE_CAP)))}, where affinity is the user
 * factor . item factor of the structure (deviation 0.9), so an item a user's taste favours by one deviation
 * is about 3.9 times as likely to be rated as a neutral one. Each user rates an item at most once and at least
 * min(5, ratings / users) items, heavy users far more (log-normal activity). Lines are grouped by user in
 * id order; within a user, timestamps increase (a random active window between 2015 and 2020). The same
 * spec gives the same bytes on every JVM.
 */
public final class SyntheticRatings {
    static final double ZIPF_EXPONENT = 1.0;
    /** How strongly taste steers which items a user rates (per unit of affinity, on a log scale). */
    static final double TASTE = 1.5;
    /** The affinity from which a drawn item is always kept (2.2 deviations). */
    static final double TASTE_CAP = 2.0;
    static final long FIRST_TIMESTAMP = 1_420_070_400L; // 2015-01-01T00:00:00Z
    static final long TIME_SPAN = 5 * 365 * 86_400L;
    private static final byte[] SEPARATOR = "::".getBytes(StandardCharsets.US_ASCII);

    private SyntheticRatings() {
    }

    /**
     * What to generate.
     *
     * @param users   users, with ids 1..users
     * @param items   items, with ids 1..items
     * @param ratings ratings in all; at least one per user, at most one per user and item
     * @param rank    dimensions of the latent factors
     * @param seed    the seed: the same spec writes the same bytes
     */
    public record Spec(int users, int items, long ratings, int rank, long seed) {
        public Spec {
            if (users < 1) {
                throw new IllegalArgumentException("users must be >= 1, got " + users);
            }
            if (items < 1) {
                throw new IllegalArgumentException("items must be >= 1, got " + items);
            }
            if (rank < 1) {
                throw new IllegalArgumentException("rank must be >= 1, got " + rank);
            }
            if (ratings < users || ratings > (long) users * items) {
                throw new IllegalArgumentException("ratings must be in [users, users x items] = [" + users + ", "
                        + (long) users * items + "], got " + ratings);
            }
            if ((long) Math.max(users, items) * rank > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("rank " + rank + " is too large for " + Math.max(users, items)
                        + " users or items: the factors would not fit in an array");
            }
        }
    }

    /** The biases and factors the ratings of {@code spec} are drawn from. */
    public static LatentStructure structure(Spec spec) {
        return LatentStructure.draw(spec.users(), spec.items(), spec.rank(), streams(spec).structure);
    }

    /** Writes the ratings of {@code spec} to a new file {@code outPath} (never overwritten); returns how many. */
    public static long write(Spec spec, String outPath, Configuration conf) {
        Streams streams = streams(spec);
        LatentStructure structure = LatentStructure.draw(spec.users(), spec.items(), spec.rank(), streams.structure);
        int[] counts = UserActivity.counts(spec, streams.activity);
        ItemSampler items = new ItemSampler(spec.items(), ZIPF_EXPONENT, streams.popularity);
        SplittableRandom random = streams.ratings;
        ItemSampler.Taste taste = (user, item) ->
                Math.min(1, StrictMath.exp(TASTE * (structure.affinity(user, item) - TASTE_CAP)));
        Path path = new Path(outPath);
        try (OutputStream stream = FsErrorGuard.of(path.getFileSystem(conf).create(path, false), path)) {
            AsciiLineWriter out = new AsciiLineWriter(stream);
            int[] chosen = new int[spec.items()];
            for (int user = 1; user <= spec.users(); user++) {
                int count = counts[user - 1];
                items.sample(user, count, random, taste, chosen);
                long gap = gap(count, random);
                long time = FIRST_TIMESTAMP + random.nextLong(TIME_SPAN - 2 * gap * count); // each step adds at most 2 gaps
                for (int k = 0; k < count; k++) {
                    int item = chosen[k];
                    int halfStars = halfStars(structure.expectedRating(user, item) + noise(random));
                    time += 1 + random.nextLong(2 * gap);
                    out.write(user).write(SEPARATOR).write(item).write(SEPARATOR).write(halfStars / 2);
                    if (halfStars % 2 == 1) {
                        out.write('.').write('5');
                    }
                    out.write(SEPARATOR).write(time).write('\n');
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic ratings to " + outPath + ": " + e.getMessage(), e);
        }
        return spec.ratings();
    }

    /** A user's mean seconds between ratings: one hour to a week, less when twice that would not fit half the span. */
    private static long gap(int count, SplittableRandom random) {
        long gap = 3_600L * (1 + random.nextInt(168));
        return Math.max(1, Math.min(gap, TIME_SPAN / (4L * count)));
    }

    /** Close to normal with the structure's noise deviation: a sum of four uniforms, rescaled. */
    private static double noise(SplittableRandom random) {
        double sum = random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble();
        return LatentStructure.NOISE_STD * (sum - 2) * Math.sqrt(3);
    }

    /** The nearest half star as a count of half stars, clamped to [1, 10] (0.5 to 5 stars). */
    static int halfStars(double rating) {
        return (int) Math.max(1, Math.min(10, Math.round(rating * 2)));
    }

    private static Streams streams(Spec spec) {
        SplittableRandom root = new SplittableRandom(spec.seed());
        return new Streams(root.split(), root.split(), root.split(), root.split());
    }

    /** Independent random streams, so the structure does not depend on how ratings are drawn. */
    private record Streams(SplittableRandom structure, SplittableRandom activity, SplittableRandom popularity,
                           SplittableRandom ratings) {
    }
}
