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
import scala.reflect.ClassTag$;

/**
 * precision@k, recall@k, NDCG@k and MAP@k of top-k lists against relevant sets, through Spark's
 * {@link RankingMetrics} (definitions in docs/metrics.md). Averaged over the users with at least one relevant
 * item: Spark would count a user without one as 0 and log a warning for each.
 */
public final class RankingScores {
    private static final int USERS_PER_SLICE = 10_000;

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
        List<Tuple2<int[], int[]>> pairs = new ArrayList<>();
        for (int u = 0; u < lists.length; u++) {
            if (relevant[u].length > 0) {
                pairs.add(new Tuple2<>(Arrays.copyOf(lists[u], Math.min(k, lists[u].length)), relevant[u]));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (pairs.isEmpty()) {
            return out;
        }
        // Plain int arrays, not the lists of boxed integers RankingMetrics.of takes: the pairs travel inside every
        // task of each of the four jobs, and arrays serialize several times faster.
        int slices = Math.max(jsc.defaultParallelism(), (pairs.size() + USERS_PER_SLICE - 1) / USERS_PER_SLICE);
        JavaRDD<Tuple2<int[], int[]>> rdd = jsc.parallelize(pairs, slices).cache();
        try {
            RankingMetrics<Object> metrics = new RankingMetrics<>(rdd.rdd(), ClassTag$.MODULE$.Int());
            out.put(prefix + MetricNames.precision(k), metrics.precisionAt(k));
            out.put(prefix + MetricNames.recall(k), metrics.recallAt(k));
            out.put(prefix + MetricNames.ndcg(k), metrics.ndcgAt(k));
            out.put(prefix + MetricNames.map(k), metrics.meanAveragePrecisionAt(k));
        } finally {
            rdd.unpersist(false);
        }
        return out;
    }
}
