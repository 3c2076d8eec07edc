package io.freshet.trainer.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.evaluation.RankingMetrics;
import scala.Tuple2;

/**
 * precision@k, recall@k, NDCG@k and MAP@k of top-k lists against relevant sets, through Spark's
 * {@link RankingMetrics} (definitions in docs/metrics.md). Averaged over the users with at least one relevant
 * item: Spark would count a user without one as 0 and log a warning for each.
 */
public final class RankingScores {
    private static final int USERS_PER_SLICE = 2_000;
    private RankingScores() {
    }

    /**
     * The four metrics, named with {@code prefix} (e.g. "" or "baseline."); empty when no user has a relevant
     * item. {@code lists[u]} and {@code relevant[u]} belong to the same user.
     */
    public static Map<String, Double> compute(JavaSparkContext jsc, int[][] lists, int[][] relevant, int k,
                                              String prefix) {
        if (lists.length != relevant.length) {
            throw new IllegalArgumentException(lists.length + " top-k lists for " + relevant.length + " relevant sets");
        }
        List<Tuple2<List<Integer>, List<Integer>>> pairs = new ArrayList<>();
        for (int u = 0; u < lists.length; u++) {
            if (relevant[u].length > 0) {
                pairs.add(new Tuple2<>(boxed(lists[u], k), boxed(relevant[u], relevant[u].length)));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (pairs.isEmpty()) {
            return out;
        }
        // Small slices: the lists travel inside the tasks, and Spark warns about tasks over 1 MB.
        int slices = Math.max(jsc.defaultParallelism(), (pairs.size() + USERS_PER_SLICE - 1) / USERS_PER_SLICE);
        JavaRDD<Tuple2<List<Integer>, List<Integer>>> rdd = jsc.parallelize(pairs, slices).cache();
        try {
            RankingMetrics<Integer> metrics = RankingMetrics.of(rdd);
            out.put(prefix + MetricNames.precision(k), metrics.precisionAt(k));
            out.put(prefix + MetricNames.recall(k), metrics.recallAt(k));
            out.put(prefix + MetricNames.ndcg(k), metrics.ndcgAt(k));
            out.put(prefix + MetricNames.map(k), metrics.meanAveragePrecisionAt(k));
        } finally {
            rdd.unpersist(false);
        }
        return out;
    }

    private static List<Integer> boxed(int[] values, int limit) {
        // An ArrayList, not an immutable list: it travels through whichever serializer Spark is set up with.
        return new ArrayList<>(Arrays.stream(values, 0, Math.min(limit, values.length)).boxed().toList());
    }
}
