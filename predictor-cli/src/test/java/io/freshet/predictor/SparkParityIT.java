package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.store.ModelStore;
import io.freshet.testing.ModelFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The predictor scores as Spark does: an ALSModel built from the same factors gives the same pair scores
 * ({@code transform}) and the same top-N ({@code recommendForUserSubset}) as {@code predictor transform}.
 */
class SparkParityIT {
    private static final double TOLERANCE = 1e-4;
    private static final int USERS = 60;
    private static final int ITEMS = 40;
    private static final int TOP = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static ModelArtifact artifact;
    private static ALSModel als;
    private static Path store;

    @BeforeAll
    static void publishAndBuildTheSparkModel() {
        spark = SparkSession.builder().master("local[2]").appName("SparkParityIT").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        artifact = ModelFixtures.random(USERS, ITEMS, 5, 8, 11);
        store = dir.resolve("store");
        ModelFixtures.publishCurrent(ModelStore.open(store.toString(), new Configuration()), artifact);
        // The bare constructor sets no defaults (ALS.fit does): name every column.
        als = new ALSModel("freshet-parity", artifact.rank(), factors(artifact.users()), factors(artifact.items()))
                .setUserCol("user").setItemCol("item").setPredictionCol("prediction").setColdStartStrategy("nan")
                .setBlockSize(4096);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** A factor DataFrame as ALSModel keeps it: id int, features array<float>. */
    private static Dataset<Row> factors(FactorMatrix m) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < m.size(); r++) {
            List<Float> features = new ArrayList<>();
            for (float f : m.row(r)) {
                features.add(f);
            }
            rows.add(RowFactory.create(m.id(r), features));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        return spark.createDataFrame(rows, schema);
    }

    private static List<JsonNode> transform(List<String> events, String... options) throws IOException {
        Path input = Files.write(Files.createTempFile(dir, "events", ".txt"), events);
        List<String> args = new ArrayList<>(List.of("transform", "--store", store.toString(), "--input",
                input.toString(), "--top", String.valueOf(TOP)));
        args.addAll(List.of(options));
        CliRun run = CliRun.predictor(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.toString());
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.outLines()) {
            records.add(JSON.readTree(line));
        }
        assertEquals(events.size(), records.size(), "one record per event");
        return records;
    }

    private static List<String> everyUser() {
        List<String> events = new ArrayList<>();
        for (int u : artifact.users().ids()) {
            events.add(String.valueOf(u));
        }
        return events;
    }

    /** Spark's top {@code n} of every user, by user: item to rating, best first. */
    private static Map<Integer, LinkedHashMap<Integer, Float>> sparkTop(int n) {
        List<Row> users = new ArrayList<>();
        for (int u : artifact.users().ids()) {
            users.add(RowFactory.create(u));
        }
        Dataset<Row> subset = spark.createDataFrame(users, new StructType().add("user", DataTypes.IntegerType, false));
        Map<Integer, LinkedHashMap<Integer, Float>> top = new HashMap<>();
        for (Row row : als.recommendForUserSubset(subset, n).collectAsList()) {
            LinkedHashMap<Integer, Float> items = new LinkedHashMap<>();
            for (Row rec : row.<Row>getList(1)) {
                items.put(rec.getInt(0), rec.getFloat(1));
            }
            top.put(row.getInt(0), items);
        }
        assertEquals(USERS, top.size());
        return top;
    }

    /** Freshet's recommendation record as item to score, checking it is in descending score order. */
    private static LinkedHashMap<Integer, Float> items(JsonNode record) {
        LinkedHashMap<Integer, Float> items = new LinkedHashMap<>();
        float previous = Float.POSITIVE_INFINITY;
        for (JsonNode i : record.get("items")) {
            float score = (float) i.get("score").asDouble();
            assertTrue(score <= previous, "descending scores in " + record);
            previous = score;
            items.put(i.get("item").asInt(), score);
        }
        return items;
    }

    private static void assertSameTopN(Map<Integer, Float> spark, Map<Integer, Float> freshet, String what) {
        assertEquals(spark.keySet(), freshet.keySet(), what + ": the same items");
        for (Map.Entry<Integer, Float> e : spark.entrySet()) {
            assertEquals(e.getValue(), freshet.get(e.getKey()), TOLERANCE, what + ", item " + e.getKey());
        }
    }

    @Test
    void pairScoresEqualAlsModelTransform() throws IOException {
        List<String> events = new ArrayList<>();
        List<Row> pairs = new ArrayList<>();
        for (int u : artifact.users().ids()) {
            for (int i : artifact.items().ids()) {
                events.add(u + "," + i);
                pairs.add(RowFactory.create(u, i));
            }
        }
        Map<List<Integer>, Float> expected = new HashMap<>();
        StructType schema = new StructType().add("user", DataTypes.IntegerType, false)
                .add("item", DataTypes.IntegerType, false);
        for (Row r : als.transform(spark.createDataFrame(pairs, schema)).collectAsList()) {
            expected.put(List.of(r.getInt(0), r.getInt(1)), r.getFloat(2));
        }
        assertEquals(USERS * ITEMS, expected.size());

        for (JsonNode record : transform(events)) {
            List<Integer> pair = List.of(record.get("user").asInt(), record.get("item").asInt());
            assertEquals(expected.get(pair), record.get("score").asDouble(), TOLERANCE, "score of " + pair);
        }
    }

    @Test
    void topNWithoutExclusionEqualsRecommendForUserSubset() throws IOException {
        Map<Integer, LinkedHashMap<Integer, Float>> expected = sparkTop(TOP);
        for (JsonNode record : transform(everyUser(), "--no-exclude-seen")) {
            int user = record.get("user").asInt();
            assertSameTopN(expected.get(user), items(record), "top " + TOP + " of user " + user);
        }
    }

    @Test
    void topNWithExclusionIsSparksRankingWithoutTheSeenItems() throws IOException {
        Map<Integer, LinkedHashMap<Integer, Float>> ranking = sparkTop(ITEMS);
        for (JsonNode record : transform(everyUser())) {
            int user = record.get("user").asInt();
            int[] seen = artifact.seen().itemsOf(user);
            assertTrue(seen.length > 0, "user " + user + " has seen items");
            LinkedHashMap<Integer, Float> expected = new LinkedHashMap<>();
            for (Map.Entry<Integer, Float> e : ranking.get(user).entrySet()) {
                if (expected.size() < TOP && Arrays.binarySearch(seen, e.getKey()) < 0) {
                    expected.put(e.getKey(), e.getValue());
                }
            }
            assertSameTopN(expected, items(record), "top " + TOP + " unseen of user " + user);
        }
    }
}
