package io.freshet.trainer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.artifact.SeenItems;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns a fitted ALSModel and its training ratings into the compact artifact the predictor serves:
 * factors sorted by id, items by popularity, and each user's seen items. Factors are collected to the driver
 * (they are what the predictor loads anyway); ratings are aggregated on the executors first.
 */
final class ArtifactExporter {
    private ArtifactExporter() {
    }

    static ModelArtifact export(ALSModel model, Dataset<Row> ratings) {
        FactorMatrix users = factors(model.userFactors(), model.rank());
        FactorMatrix items = factors(model.itemFactors(), model.rank());
        List<Row> popular = ratings.groupBy("item").agg(count("*").as("n"))
                .orderBy(col("n").desc(), col("item").asc()).collectAsList();
        int[] popularItems = new int[popular.size()];
        int[] popularCounts = new int[popular.size()];
        int kept = 0;
        for (Row r : popular) {
            int item = r.getInt(0);
            if (items.rowOf(item) >= 0) {
                popularItems[kept] = item;
                popularCounts[kept++] = (int) Math.min(Integer.MAX_VALUE, r.getLong(1));
            }
        }
        return new ModelArtifact(users, items, Arrays.copyOf(popularItems, kept), Arrays.copyOf(popularCounts, kept),
                seen(ratings));
    }

    private static FactorMatrix factors(Dataset<Row> factors, int rank) {
        List<Row> rows = factors.collectAsList();
        int n = rows.size();
        int[] ids = new int[n];
        float[] values = new float[Math.multiplyExact(n, rank)];
        int[] order = java.util.stream.IntStream.range(0, n).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> rows.get(i).getInt(0))).mapToInt(Integer::intValue).toArray();
        int r = 0;
        for (int at : order) {
            Row row = rows.get(at);
            ids[r] = row.getInt(0);
            List<Object> f = row.getList(1);
            for (int k = 0; k < rank; k++) {
                values[r * rank + k] = ((Number) f.get(k)).floatValue();
            }
            r++;
        }
        return new FactorMatrix(rank, Arrays.copyOf(ids, r), Arrays.copyOf(values, r * rank));
    }

    private static SeenItems seen(Dataset<Row> ratings) {
        List<Row> perUser = new java.util.ArrayList<>(
                ratings.groupBy("user").agg(collect_list("item").as("items")).collectAsList());
        perUser.sort(java.util.Comparator.comparingInt(row -> row.getInt(0)));
        int n = perUser.size();
        int[] users = new int[n];
        int[] offsets = new int[n + 1];
        int[] items = new int[16];
        int u = 0;
        int at = 0;
        for (Row row : perUser) {
            users[u] = row.getInt(0);
            List<Integer> list = row.getList(1);
            int[] mine = new int[list.size()];
            for (int k = 0; k < mine.length; k++) {
                mine[k] = list.get(k);
            }
            Arrays.sort(mine);
            int distinct = 0;
            for (int k = 0; k < mine.length; k++) {
                if (k == 0 || mine[k] != mine[k - 1]) {
                    mine[distinct++] = mine[k];
                }
            }
            if (at + distinct > items.length) {
                items = Arrays.copyOf(items, Math.max(items.length * 2, at + distinct));
            }
            System.arraycopy(mine, 0, items, at, distinct);
            at += distinct;
            offsets[++u] = at;
        }
        return new SeenItems(Arrays.copyOf(users, u), Arrays.copyOf(offsets, u + 1), Arrays.copyOf(items, at));
    }
}
