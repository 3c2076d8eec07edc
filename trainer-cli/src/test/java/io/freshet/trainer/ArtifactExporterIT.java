package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactWriter;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.artifact.SeenItems;
import io.freshet.data.RatingIndex;
import io.freshet.testing.LocalSparkExtension;
import io.freshet.trainer.eval.FactorFrames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
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
 * factors.bin and seen.bin as the executors encode them and the driver streams them are byte for byte the files
 * the whole-artifact writer makes of the same factors, seen items (counted by brute force from ratings with repeated
 * pairs, negative and extreme ids, over many partitions) and popularity.
 */
@ExtendWith(LocalSparkExtension.class)
class ArtifactExporterIT {
    private static SparkSession spark;

    private static final StructType RATINGS = new StructType().add("user", DataTypes.IntegerType)
            .add("item", DataTypes.IntegerType).add("rating", DataTypes.FloatType);

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    @Test
    void streamedFilesEqualTheWholeArtifactsFiles() throws IOException {
        SplittableRandom random = new SplittableRandom(23);
        int rank = 5;
        int[] userIds = IntStream.concat(IntStream.of(Integer.MIN_VALUE, -70_000, -1),
                IntStream.range(0, 2_000)).toArray();
        int[] itemIds = {Integer.MIN_VALUE, -5, 0, 1, 2, 9, 10, 40_000, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        List<Row> rows = new ArrayList<>();
        TreeMap<Integer, TreeSet<Integer>> seen = new TreeMap<>();
        for (int n = 0; n < 12_000; n++) {
            int user = userIds[random.nextInt(userIds.length)];
            int item = itemIds[Math.min(random.nextInt(itemIds.length), random.nextInt(itemIds.length))];
            rows.add(RowFactory.create(user, item, 3f));
            seen.computeIfAbsent(user, u -> new TreeSet<>()).add(item);
        }
        Dataset<Row> ratings = spark.createDataFrame(rows, RATINGS).repartition(7).cache();
        RatingIndex index = RatingIndex.of(ratings);

        // factors for every rated user but one (the model may know fewer users than the ratings), all items but one
        int[] factorUsers = seen.keySet().stream().mapToInt(Integer::intValue).skip(1).toArray();
        int[] factorItems = java.util.Arrays.copyOf(itemIds, itemIds.length - 1);
        FactorMatrix users = matrix(factorUsers, rank, random);
        FactorMatrix items = matrix(factorItems, rank, random);
        ALSModel model = new ALSModel("exporter-test", rank, FactorFrames.frame(spark, users).repartition(4),
                FactorFrames.frame(spark, items));

        Map<String, ByteArrayOutputStream> files = new HashMap<>();
        ArtifactExporter.write(model, items, ratings, index, name -> files.computeIfAbsent(name,
                n -> new ByteArrayOutputStream()));

        int[] popular = index.popularItems();
        int[] counts = index.popularCounts();
        int kept = 0;
        for (int i = 0; i < popular.length; i++) {
            if (popular[i] != itemIds[itemIds.length - 1]) {
                popular[kept] = popular[i];
                counts[kept++] = counts[i];
            }
        }
        ModelArtifact whole = new ModelArtifact(users, items, java.util.Arrays.copyOf(popular, kept),
                java.util.Arrays.copyOf(counts, kept), seenItems(seen));
        ByteArrayOutputStream factors = new ByteArrayOutputStream();
        ArtifactWriter.writeFactors(whole, factors);
        ByteArrayOutputStream seenFile = new ByteArrayOutputStream();
        ArtifactWriter.writeSeen(whole.seen(), seenFile);
        assertArrayEquals(factors.toByteArray(), files.get(ArtifactFiles.FACTORS).toByteArray(), "factors.bin");
        assertArrayEquals(seenFile.toByteArray(), files.get(ArtifactFiles.SEEN).toByteArray(), "seen.bin");
        assertEquals(12_000, index.ratings());
        ratings.unpersist();
    }

    @Test
    void aUserWithNonFiniteFactorsIsNeverWritten() {
        FactorMatrix items = new FactorMatrix(1, new int[] {1}, new float[] {1f});
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType));
        Dataset<Row> users = spark.createDataFrame(List.of(RowFactory.create(3, new float[] {Float.NaN})), schema);
        ALSModel model = new ALSModel("nan", 1, users, FactorFrames.frame(spark, items));
        Dataset<Row> ratings = spark.createDataFrame(List.of(RowFactory.create(3, 1, 1f)), RATINGS);
        Exception e = assertThrows(Exception.class, () -> ArtifactExporter.write(model, items, ratings,
                RatingIndex.of(ratings), name -> new ByteArrayOutputStream()));
        assertTrue(String.valueOf(e.getMessage()).contains("user 3 has a non-finite factor"), e.getMessage());
    }

    private static FactorMatrix matrix(int[] ids, int rank, SplittableRandom random) {
        float[] values = new float[ids.length * rank];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-2, 2);
        }
        return new FactorMatrix(rank, ids, values);
    }

    private static SeenItems seenItems(TreeMap<Integer, TreeSet<Integer>> seen) {
        int[] users = seen.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[] offsets = new int[users.length + 1];
        List<Integer> items = new ArrayList<>();
        for (int u = 0; u < users.length; u++) {
            items.addAll(seen.get(users[u]));
            offsets[u + 1] = items.size();
        }
        return new SeenItems(users, offsets, items.stream().mapToInt(Integer::intValue).toArray());
    }
}
