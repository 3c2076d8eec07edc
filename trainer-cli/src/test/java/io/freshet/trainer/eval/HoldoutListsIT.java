package io.freshet.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import io.freshet.scoring.Scorer;
import io.freshet.testing.LocalSparkExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evaluation's top-k lists, ranked on the executors, against lists worked out by hand and against the driver's
 * Scorer over the same users, items and training items.
 */
@ExtendWith(LocalSparkExtension.class)
class HoldoutListsIT {
    private static SparkSession spark;

    private static final StructType RATINGS = new StructType().add("user", DataTypes.IntegerType)
            .add("item", DataTypes.IntegerType).add("rating", DataTypes.FloatType);

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    private static Dataset<Row> ratings(int[][] userItemRating) {
        List<Row> rows = new ArrayList<>();
        for (int[] r : userItemRating) {
            rows.add(RowFactory.create(r[0], r[1], (float) r[2]));
        }
        return spark.createDataFrame(rows, RATINGS).repartition(3);
    }

    /** Users 1, 2 and 3 held out (3 unknown to the model); user 1 trained on item 20, user 2 on 10 and 40. */
    private static EvaluationSet handSet(int k) {
        return EvaluationSet.of(ratings(new int[][] {{1, 10, 5}, {2, 20, 4}, {3, 30, 3}}),
                ratings(new int[][] {{1, 20, 3}, {2, 10, 1}, {2, 40, 2}, {9, 50, 5}}), k, false, 3.5);
    }

    private static Map<Integer, int[]> byUser(List<HoldoutLists.UserList> lists) {
        Map<Integer, int[]> out = new TreeMap<>();
        lists.forEach(l -> out.put(l.user(), l.list()));
        assertEquals(lists.size(), out.size(), "one list per user");
        return out;
    }

    @Test
    void theSetCountsHeldOutRatingsUsersAndRelevantUsers() {
        EvaluationSet set = handSet(2);
        assertEquals(3, set.heldOutRatings());
        assertEquals(3, set.heldOutUsers());
        assertEquals(2, set.usersWithRelevant(), "user 3's only rating (3) is under the threshold 3.5");
        set.release();
    }

    @Test
    void relevantItemsAreThoseRatedAtLeastTheThresholdOrAllForImplicit() {
        Dataset<Row> holdout = ratings(new int[][] {{7, 1, 4}, {7, 2, 3}, {7, 3, 5}, {7, 3, 5}});
        Dataset<Row> train = ratings(new int[][] {{7, 9, 1}});
        EvaluationSet explicit = EvaluationSet.of(holdout, train, 5, false, 3.5);
        assertArrayEquals(new int[] {1, 3}, HoldoutLists.ints(explicit.users().first(), 1));
        assertArrayEquals(new int[] {9}, HoldoutLists.ints(explicit.users().first(), 2));
        assertEquals(4, explicit.heldOutRatings());
        EvaluationSet implicit = EvaluationSet.of(holdout, train, 5, true, Double.NaN);
        assertArrayEquals(new int[] {1, 2, 3}, HoldoutLists.ints(implicit.users().first(), 1));
        explicit.release();
        implicit.release();
    }

    @Test
    void popularityBaselineSkipsEachUsersTrainingItems() {
        EvaluationSet set = handSet(2);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Map<Integer, int[]> byUser = byUser(HoldoutLists.popular(set, jsc.broadcast(new int[] {20, 10, 40, 30, 50})).collect());
        assertEquals(3, byUser.size());
        assertArrayEquals(new int[] {10, 40}, byUser.get(1));
        assertArrayEquals(new int[] {20, 30}, byUser.get(2));
        assertArrayEquals(new int[] {20, 10}, byUser.get(3), "a user without training items gets the top items");
        set.release();
    }

    @Test
    void firstUnseenReturnsFewerWhenTheRankingRunsOut() {
        assertArrayEquals(new int[] {3}, HoldoutLists.firstUnseen(new int[] {1, 2, 3}, new int[] {1, 2}, 5));
    }

    @Test
    void modelListsRankByDotProductExcludeTrainingItemsAndLeaveUnknownUsersEmpty() {
        EvaluationSet set = handSet(2);
        // Rank 1: user 1 likes large item factors, user 2 small ones; user 3 has no factors.
        FactorMatrix users = new FactorMatrix(1, new int[] {1, 2}, new float[] {1f, -1f});
        FactorMatrix items = new FactorMatrix(1, new int[] {10, 20, 30, 40}, new float[] {4f, 3f, 2f, 1f});
        List<HoldoutLists.UserList> lists = HoldoutLists.ofModel(set, FactorFrames.frame(spark, users),
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(HoldoutLists.itemSide(items))).collect();
        Map<Integer, int[]> byUser = byUser(lists);
        assertArrayEquals(new int[] {10, 30}, byUser.get(1), "item 20 was seen by user 1");
        assertArrayEquals(new int[] {30, 20}, byUser.get(2), "items 40 and 10 were seen by user 2");
        assertArrayEquals(new int[0], byUser.get(3));
        assertEquals(2, lists.stream().filter(HoldoutLists.UserList::scored).count());

        ALSModel model = new ALSModel("by-hand", 1, FactorFrames.frame(spark, users), FactorFrames.frame(spark, items))
                .setUserCol("user").setItemCol("item").setPredictionCol("prediction");
        ModelEvaluator evaluator = new ModelEvaluator(spark, set);
        assertEquals(OptionalDouble.of(2.0 / 3), evaluator.value(model, () -> items, MetricNames.USER_COVERAGE));
        assertEquals(OptionalDouble.of(3.0 / 4), evaluator.value(model, () -> items, MetricNames.CATALOG_COVERAGE),
                "items 10, 20 and 30 of 4");
        set.release();
    }

    @Test
    void executorListsEqualTheDriversScorerForManyUsersAcrossPartitions() {
        SplittableRandom random = new SplittableRandom(5);
        int rank = 4;
        int userCount = 300;
        int itemCount = 60;
        int k = 7;
        List<int[]> holdout = new ArrayList<>();
        List<int[]> train = new ArrayList<>();
        TreeMap<Integer, TreeSet<Integer>> seen = new TreeMap<>();
        for (int u = 0; u < userCount; u++) {
            holdout.add(new int[] {u, random.nextInt(itemCount), 5});
            for (int n = random.nextInt(12); n > 0; n--) {
                int item = random.nextInt(itemCount);
                train.add(new int[] {u, item, 4});
                seen.computeIfAbsent(u, x -> new TreeSet<>()).add(item);
            }
        }
        float[] uf = new float[userCount * rank];
        float[] itf = new float[itemCount * rank];
        for (int i = 0; i < uf.length; i++) {
            uf[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < itf.length; i++) {
            itf[i] = (float) random.nextDouble(-1, 1);
        }
        FactorMatrix users = new FactorMatrix(rank, java.util.stream.IntStream.range(0, userCount).toArray(), uf);
        FactorMatrix items = new FactorMatrix(rank, java.util.stream.IntStream.range(0, itemCount).toArray(), itf);
        EvaluationSet set = EvaluationSet.of(ratings(holdout.toArray(int[][]::new)),
                ratings(train.toArray(int[][]::new)), k, false, 1);
        List<HoldoutLists.UserList> lists = HoldoutLists.ofModel(set, FactorFrames.frame(spark, users).repartition(5),
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(HoldoutLists.itemSide(items))).collect();
        assertEquals(userCount, lists.size());

        int[] seenUsers = seen.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[] offsets = new int[seenUsers.length + 1];
        List<Integer> seenItems = new ArrayList<>();
        for (int i = 0; i < seenUsers.length; i++) {
            seenItems.addAll(seen.get(seenUsers[i]));
            offsets[i + 1] = seenItems.size();
        }
        Scorer driver = Scorer.create(users, items, new SeenItems(seenUsers, offsets,
                seenItems.stream().mapToInt(Integer::intValue).toArray()));
        Map<Integer, int[]> byUser = byUser(lists);
        for (int u = 0; u < userCount; u++) {
            assertArrayEquals(driver.topN(driver.userRow(u), k, true).itemIds(), byUser.get(u), "user " + u);
        }
        set.release();
    }
}
