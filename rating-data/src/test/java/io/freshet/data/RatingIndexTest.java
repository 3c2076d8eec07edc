package io.freshet.data;

import static io.freshet.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.testing.LocalSparkExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index the reader counts on the executors, and the one {@link RatingIndex#of} counts from a DataFrame in
 * other partitions, against a brute-force count of the same lines: many partitions (4 KiB splits), repeated
 * (user, item) pairs, negative and extreme ids (popularity ties broken by signed id), and bad lines that must not
 * be counted.
 */
@ExtendWith(LocalSparkExtension.class)
@LocalSparkExtension.Settings("spark.hadoop.mapreduce.input.fileinputformat.split.maxsize=4096")
class RatingIndexTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark(SparkSession session) {
        spark = session;
    }

    /** What the index must hold, counted naively from the good lines. */
    private record Expected(TreeMap<Integer, TreeSet<Integer>> seen, TreeMap<Integer, Integer> counts, long ratings) {
        Expected() {
            this(new TreeMap<>(), new TreeMap<>(), 0);
        }

        Expected add(int user, int item) {
            seen.computeIfAbsent(user, u -> new TreeSet<>()).add(item);
            counts.merge(item, 1, Integer::sum);
            return new Expected(seen, counts, ratings + 1);
        }
    }

    @Test
    void readerAndDataFrameIndexesMatchABruteForceCount() {
        SplittableRandom random = new SplittableRandom(11);
        int[] users = {Integer.MIN_VALUE, -70_000, -1, 0, 1, 2, 3, 77, 1_000_000, Integer.MAX_VALUE};
        int[] items = {Integer.MIN_VALUE, -5, -4, 0, 1, 2, 9, 10, 11, 40_000, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        StringBuilder text = new StringBuilder();
        Expected expected = new Expected();
        int bad = 0;
        for (int n = 0; n < 4_000; n++) {
            int user = users[random.nextInt(users.length)];
            // skewed item choice, so that popularity has ties and clear leaders
            int item = items[Math.min(random.nextInt(items.length), random.nextInt(items.length))];
            if (n % 97 == 5) {
                text.append(user).append("::").append(item).append("::not-a-rating\n");
                bad++;
                continue;
            }
            text.append(user).append("::").append(item).append("::").append(1 + random.nextInt(5)).append('\n');
            expected = expected.add(user, item);
        }
        Path file = write(dir, "ratings.dat", text.toString());
        RatingReadOptions d = RatingReadOptions.defaults();
        RatingData data = new RatingReader(spark).read(file.toString(), new RatingReadOptions(RatingFormat.MOVIELENS,
                d.userCol(), d.itemCol(), d.ratingCol(), d.timeCol(), bad, Optional.empty()));
        assertTrue(data.ratings().rdd().getNumPartitions() >= 5, "the file should span many partitions");
        assertIndex(expected, data.index());
        assertEquals(expected.ratings(), data.rows());
        assertEquals(expected.seen().size(), data.users());
        assertEquals(expected.counts().size(), data.items());
        assertIndex(expected, RatingIndex.of(data.ratings()));
        assertIndex(expected, RatingIndex.of(data.ratings().repartition(3)));
        assertArrayEquals(data.index().popularItems(), RatingIndex.popularItems(data.ratings().repartition(2)));
        data.ratings().unpersist();
    }

    @Test
    void anEmptyDataFrameHasAnEmptyIndex() {
        RatingIndex index = RatingIndex.of(spark.createDataFrame(List.of(), RatingSchema.SCHEMA));
        assertEquals(0, index.ratings());
        assertEquals(0, index.users());
        assertEquals(0, index.items());
    }

    private static void assertIndex(Expected expected, RatingIndex index) {
        assertEquals(expected.ratings(), index.ratings());
        assertEquals(expected.seen().size(), index.users());
        assertEquals(expected.counts().size(), index.items());
        List<Map.Entry<Integer, Integer>> popular = new ArrayList<>(expected.counts().entrySet());
        popular.sort(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        assertArrayEquals(popular.stream().mapToInt(Map.Entry::getKey).toArray(), index.popularItems());
        assertArrayEquals(popular.stream().mapToInt(Map.Entry::getValue).toArray(), index.popularCounts());
    }
}
