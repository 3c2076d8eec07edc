package io.freshet.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import io.freshet.testing.LocalSparkExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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

/** Scorer against Spark's own ALSModel.recommendForUserSubset on the same factors (Spark keeps seen items). */
@ExtendWith(LocalSparkExtension.class)
class ScorerSparkParityIT {
    private static SparkSession spark;

    @BeforeAll
    static void startSpark(SparkSession session) {
        spark = session;
    }

    @Test
    void topNEqualsSparkRecommendForUserSubsetWithSeenItemsKept() {
        for (int rank : new int[] {10, 17}) {
            FactorMatrix users = Factors.gaussian(300, rank, 61 + rank);
            FactorMatrix items = Factors.gaussian(1001, rank, 62 + rank);
            ALSModel model = new ALSModel("parity-" + rank, rank, frame(users), frame(items)).setUserCol("user")
                    .setItemCol("item");
            int[] subset = {1, 4, 31, 301, 448, 898};
            Dataset<Row> wanted = spark.createDataFrame(
                    Arrays.stream(subset).mapToObj(RowFactory::create).toList(),
                    new StructType().add("user", DataTypes.IntegerType));
            Map<Integer, Map<Integer, Float>> fromSpark = new HashMap<>();
            for (Row row : model.recommendForUserSubset(wanted, 12).collectAsList()) {
                Map<Integer, Float> recommended = new HashMap<>();
                for (Row rec : row.<Row>getList(1)) {
                    recommended.put(rec.getInt(0), rec.getFloat(1));
                }
                fromSpark.put(row.getInt(0), recommended);
            }
            Scorer scorer = Scorer.create(users, items, SeenItems.empty());
            int[] rows = Arrays.stream(subset).map(scorer::userRow).toArray();
            TopN[] ours = scorer.topN(rows, 12, false);
            assertEquals(subset.length, fromSpark.size());
            for (int u = 0; u < subset.length; u++) {
                Map<Integer, Float> spark = fromSpark.get(subset[u]);
                TreeSet<Integer> ourIds = new TreeSet<>();
                for (int k = 0; k < ours[u].size(); k++) {
                    int id = ours[u].itemIds()[k];
                    ourIds.add(id);
                    if (spark.containsKey(id)) {
                        assertEquals(spark.get(id), ours[u].scores()[k], 1e-4, "user " + subset[u] + " item " + id);
                    }
                }
                assertEquals(new TreeSet<>(spark.keySet()), ourIds, "rank " + rank + " user " + subset[u]);
            }
        }
    }

    private static Dataset<Row> frame(FactorMatrix factors) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < factors.size(); r++) {
            List<Float> features = new ArrayList<>();
            for (float value : factors.row(r)) {
                features.add(value);
            }
            rows.add(RowFactory.create(factors.id(r), features));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false));
        return spark.createDataFrame(rows, schema);
    }
}
