package io.freshet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic generator: determinism, counts, the MovieLens layout, and the structure of the data. */
class SyntheticRatingsTest {
    private static final SyntheticRatings.Spec SPEC = new SyntheticRatings.Spec(2_000, 500, 40_000, 8, 42);
    private static final Pattern LINE = Pattern.compile("[1-9][0-9]*::[1-9][0-9]*::(?:[0-5]|[0-4]\\.5)::[0-9]+");

    private final Configuration conf = new Configuration();

    @TempDir
    Path dir;

    private Path write(SyntheticRatings.Spec spec, String name) {
        Path file = dir.resolve(name);
        assertEquals(spec.ratings(), SyntheticRatings.write(spec, file.toString(), conf));
        return file;
    }

    private record Rating(int user, int item, double rating, long time) {
    }

    private List<Rating> ratings(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.US_ASCII).stream().map(line -> {
            assertTrue(LINE.matcher(line).matches(), line);
            String[] f = line.split("::");
            return new Rating(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]));
        }).toList();
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws Exception {
        assertEquals(-1, Files.mismatch(write(SPEC, "a.dat"), write(SPEC, "b.dat")));
    }

    @Test
    void anotherSeedWritesOtherBytes() throws Exception {
        SyntheticRatings.Spec other = new SyntheticRatings.Spec(2_000, 500, 40_000, 8, 43);
        assertNotEquals(-1, Files.mismatch(write(SPEC, "a.dat"), write(other, "b.dat")));
    }

    @Test
    void everyLineIsAMovieLensRatingInHalfStarsFromHalfToFive() throws Exception {
        List<Rating> ratings = ratings(write(SPEC, "r.dat"));
        assertEquals(40_000, ratings.size());
        assertTrue(ratings.stream().allMatch(r -> r.rating() >= 0.5 && r.rating() <= 5 && r.rating() * 2 == Math.rint(r.rating() * 2)));
        assertTrue(ratings.stream().anyMatch(r -> r.rating() % 1 == 0.5), "some half stars");
        assertTrue(ratings.stream().allMatch(r -> r.user() <= 2_000 && r.item() <= 500));
    }

    @Test
    void eachUserRatesAnItemAtMostOnce() throws Exception {
        Set<Long> pairs = new HashSet<>();
        for (Rating r : ratings(write(SPEC, "r.dat"))) {
            assertTrue(pairs.add((long) r.user() << 32 | r.item()), r.toString());
        }
    }

    @Test
    void everyUserHasAtLeastFiveRatingsAndTimestampsIncreasePerUser() throws Exception {
        Map<Integer, Integer> perUser = new HashMap<>();
        Map<Integer, Long> lastTime = new HashMap<>();
        for (Rating r : ratings(write(SPEC, "r.dat"))) {
            perUser.merge(r.user(), 1, Integer::sum);
            Long last = lastTime.put(r.user(), r.time());
            assertTrue(last == null || last < r.time(), r.toString());
            assertTrue(r.time() > SyntheticRatings.FIRST_TIMESTAMP
                    && r.time() < SyntheticRatings.FIRST_TIMESTAMP + SyntheticRatings.TIME_SPAN, r.toString());
        }
        assertEquals(2_000, perUser.size());
        assertTrue(perUser.values().stream().allMatch(n -> n >= 5));
        assertTrue(perUser.values().stream().anyMatch(n -> n >= 100), "some heavy users");
    }

    @Test
    void itemPopularityIsSkewed() throws Exception {
        Map<Integer, Integer> perItem = new HashMap<>();
        ratings(write(SPEC, "r.dat")).forEach(r -> perItem.merge(r.item(), 1, Integer::sum));
        int topFive = perItem.values().stream().sorted((a, b) -> b - a).limit(5).mapToInt(Integer::intValue).sum();
        assertTrue(topFive > 40_000 / 10, "the top 1% of items should hold over 10% of the ratings, held " + topFive);
    }

    @Test
    void ratingsFollowTheLatentStructureUpToTheNoise() throws Exception {
        LatentStructure structure = SyntheticRatings.structure(SPEC);
        double fromStructure = 0;
        double fromMean = 0;
        List<Rating> ratings = ratings(write(SPEC, "r.dat"));
        for (Rating r : ratings) {
            double expected = Math.max(0.5, Math.min(5, structure.expectedRating(r.user(), r.item())));
            fromStructure += Math.abs(r.rating() - expected);
            fromMean += Math.abs(r.rating() - LatentStructure.GLOBAL_MEAN);
        }
        double structureError = fromStructure / ratings.size();
        double meanError = fromMean / ratings.size();
        assertTrue(structureError < 0.5, "mean absolute error against the structure " + structureError);
        assertTrue(meanError > 0.7, "mean absolute error against the global mean " + meanError);
    }

    @Test
    void aUserWhoRatesEveryItemGetsEachOnce() throws Exception {
        List<Rating> ratings = ratings(write(new SyntheticRatings.Spec(3, 4, 12, 2, 1), "dense.dat"));
        Set<String> pairs = new HashSet<>();
        ratings.forEach(r -> pairs.add(r.user() + ":" + r.item()));
        assertEquals(12, pairs.size());
    }

    @Test
    void theStructureIsTheSameForTheSameSpec() {
        LatentStructure a = SyntheticRatings.structure(SPEC);
        LatentStructure b = SyntheticRatings.structure(SPEC);
        assertEquals(a.expectedRating(17, 33), b.expectedRating(17, 33));
        assertEquals(8, a.userFactor(2_000).length);
        assertThrows(IllegalArgumentException.class, () -> a.itemFactor(501));
    }

    @Test
    void anExistingFileIsNotOverwritten() throws Exception {
        Path file = Files.writeString(dir.resolve("r.dat"), "keep");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> SyntheticRatings.write(SPEC, file.toString(), conf));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void aSpecNeedsAtLeastOneRatingPerUserAndNoMoreThanEveryPair() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticRatings.Spec(10, 10, 9, 2, 1));
        assertEquals("ratings must be in [users, users x items] = [10, 100], got 9", few.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SyntheticRatings.Spec(10, 10, 101, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticRatings.Spec(10, 10, 50, 0, 1));
    }
}
