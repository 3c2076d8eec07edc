package io.freshet.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.BadInputException;
import io.freshet.testing.LocalSparkExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The metric computations and the holdout split on local Spark, against values worked out by hand. */
@ExtendWith(LocalSparkExtension.class)
class EvaluationMetricsIT {
    static SparkSession spark;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    private static final StructType RATINGS = new StructType().add("user", DataTypes.IntegerType)
            .add("item", DataTypes.IntegerType).add("rating", DataTypes.FloatType)
            .add("timestamp", DataTypes.LongType);

    private static Dataset<Row> ratings(List<Row> rows) {
        return spark.createDataFrame(rows, RATINGS);
    }

    @Test
    void rankingMetricsMatchHandComputedValuesAndSkipUsersWithoutRelevantItems() {
        int[][] lists = {{1, 2, 3}, {7, 8, 9}, {1}};
        int[][] relevant = {{2, 5}, {7}, {}};
        Map<String, Double> m = RankingScores.compute(pairs(lists, relevant), 3, "baseline.");
        // User 1: one hit (item 2) at position 2 of 3, two relevant. User 2: a hit at position 1, one relevant.
        assertEquals((1.0 / 3 + 1.0 / 3) / 2, m.get("baseline.precision@3"), 1e-9);
        assertEquals((0.5 + 1.0) / 2, m.get("baseline.recall@3"), 1e-9);
        // NDCG of user 1: (1 / log 3) / (1 / log 2 + 1 / log 3) = log 2 / log 6.
        assertEquals((Math.log(2) / Math.log(6) + 1.0) / 2, m.get("baseline.ndcg@3"), 1e-9);
        // AP@3 of user 1: (1/2) / min(2, 3); of user 2: 1.
        assertEquals((0.25 + 1.0) / 2, m.get("baseline.map@3"), 1e-9);
        assertEquals(4, m.size());
    }

    @Test
    void rankingMetricsAreEmptyWhenNoUserHasARelevantItem() {
        assertTrue(RankingScores.compute(pairs(new int[][] {{1}}, new int[][] {{}}), 10, "").isEmpty());
    }

    @Test
    void listsLongerThanKAreCutToK() {
        Map<String, Double> m = RankingScores.compute(pairs(new int[][] {{1, 2, 3, 4}}, new int[][] {{4}}), 2, "");
        assertEquals(0.0, m.get("precision@2"), 1e-9);
        assertEquals(0.0, m.get("ndcg@2"), 1e-9);
    }

    private static JavaRDD<Tuple2<int[], int[]>> pairs(int[][] lists, int[][] relevant) {
        List<Tuple2<int[], int[]>> pairs = new java.util.ArrayList<>();
        for (int u = 0; u < lists.length; u++) {
            pairs.add(new Tuple2<>(lists[u], relevant[u]));
        }
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(pairs, 2);
    }

    @Test
    void rmseAndMaeMatchHandComputedValuesAndDropPairsTheModelCannotPredict() {
        StructType factors = new StructType().add("id", DataTypes.IntegerType)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType));
        Dataset<Row> users = spark.createDataFrame(List.of(RowFactory.create(1, new float[] {2f}),
                RowFactory.create(2, new float[] {1f})), factors);
        Dataset<Row> items = spark.createDataFrame(List.of(RowFactory.create(10, new float[] {1.5f}),
                RowFactory.create(20, new float[] {3f})), factors);
        ALSModel model = new ALSModel("als-by-hand", 1, users, items).setUserCol("user").setItemCol("item")
                .setPredictionCol("prediction");
        Dataset<Row> holdout = ratings(List.of(
                RowFactory.create(1, 10, 4f, 0L),   // predicted 3: error 1
                RowFactory.create(1, 20, 5f, 0L),   // predicted 6: error 1
                RowFactory.create(2, 10, 2f, 0L),   // predicted 1.5: error 0.5
                RowFactory.create(3, 10, 1f, 0L),   // unknown user: dropped
                RowFactory.create(2, 30, 1f, 0L))); // unknown item: dropped
        Map<String, Double> m = RegressionScores.compute(model, holdout);
        assertEquals(Math.sqrt((1 + 1 + 0.25) / 3), m.get("rmse"), 1e-6);
        assertEquals((1 + 1 + 0.5) / 3, m.get("mae"), 1e-6);
    }

    @Test
    void timeSplitHoldsOutTheLatestFloorOfTheFractionOfEachUser() {
        List<Row> rows = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            rows.add(RowFactory.create(1, 100 + k, 4f, 1000L + k)); // user 1: 5 ratings, items 101..105 in time order
        }
        rows.add(RowFactory.create(2, 201, 3f, 5L));                // user 2: 2 ratings, floor(0.8) = 0 held out
        rows.add(RowFactory.create(2, 202, 3f, 6L));
        HoldoutSplit split = HoldoutSplit.of(ratings(rows), true, 0.4, SplitMode.AUTO, 1);
        try {
            assertEquals(SplitMode.TIME, split.mode());
            assertEquals(Set.of("1:104", "1:105"), pairs(split.holdout()));
            assertEquals(5, split.train().count());
        } finally {
            split.release();
        }
    }

    @Test
    void randomSplitKeepsEachRatingOnItsSideWhenTheInputGrows() {
        List<Row> rows = new ArrayList<>();
        for (int u = 1; u <= 60; u++) {
            for (int i = 1; i <= 40; i++) {
                rows.add(RowFactory.create(u, i, 3f, null));
            }
        }
        HoldoutSplit all = HoldoutSplit.of(ratings(rows).repartition(3), false, 0.2, SplitMode.AUTO, 5);
        HoldoutSplit half = HoldoutSplit.of(ratings(rows.subList(0, rows.size() / 2)), false, 0.2, SplitMode.AUTO, 5);
        try {
            assertEquals(SplitMode.RANDOM, all.mode());
            Set<String> heldAll = pairs(all.holdout());
            Set<String> heldHalf = pairs(half.holdout());
            assertTrue(heldAll.size() > 380 && heldAll.size() < 580, "about 20% of 2400: " + heldAll.size());
            assertEquals(2400, heldAll.size() + all.train().count(), "every rating on exactly one side");
            Set<String> firstHalfOfAll = new HashSet<>(heldAll);
            firstHalfOfAll.removeIf(p -> Integer.parseInt(p.split(":")[0]) > 30);
            assertEquals(firstHalfOfAll, heldHalf);
        } finally {
            all.release();
            half.release();
        }
    }

    @Test
    void timeSplitOfRatingsWithoutTimestampsIsRefused() {
        Dataset<Row> r = ratings(List.of(RowFactory.create(1, 1, 3f, null)));
        BadInputException e = assertThrows(BadInputException.class,
                () -> HoldoutSplit.of(r, false, 0.2, SplitMode.TIME, 1));
        assertTrue(e.getMessage().contains("--holdout-by random"), e.getMessage());
    }

    private static Set<String> pairs(Dataset<Row> d) {
        Set<String> out = new HashSet<>();
        for (Row r : d.collectAsList()) {
            out.add(r.getInt(0) + ":" + r.getInt(1));
        }
        return out;
    }
}
