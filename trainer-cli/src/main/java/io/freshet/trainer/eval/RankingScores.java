package io.freshet.trainer.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.evaluation.RankingMetrics;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * precision@k, recall@k, NDCG@k and MAP@k of top-k lists against relevant sets, through Spark's
 * {@link RankingMetrics} (definitions in docs/metrics.md), on the executors. Averaged over the users with at least
 * one relevant item: Spark would count a user without one as 0 and log a warning for each.
 */
public final class RankingScores {
    private RankingScores() {
    }

    /**
     * The four metrics, named with {@code prefix} (e.g. "" or "baseline."); empty when no user has a relevant
     * item. Each pair is one user's list (best first; cut to k here) and relevant items.
     */
    public static Map<String, Double> compute(JavaRDD<Tuple2<int[], int[]>> lists, int k, String prefix) {
        // Plain int arrays, not the lists of boxed integers RankingMetrics.of takes: they serialize several times
        // faster, and the four metrics are four jobs over the cached pairs.
        JavaRDD<Tuple2<int[], int[]>> pairs = lists.filter(p -> p._2().length > 0)
                .map(p -> p._1().length <= k ? p : new Tuple2<>(Arrays.copyOf(p._1(), k), p._2()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            if (pairs.isEmpty()) {
                return out;
            }
            RankingMetrics<Object> metrics = new RankingMetrics<>(pairs.rdd(), ClassTag$.MODULE$.Int());
            out.put(prefix + MetricNames.precision(k), metrics.precisionAt(k));
            out.put(prefix + MetricNames.recall(k), metrics.recallAt(k));
            out.put(prefix + MetricNames.ndcg(k), metrics.ndcgAt(k));
            out.put(prefix + MetricNames.map(k), metrics.meanAveragePrecisionAt(k));
        } finally {
            pairs.unpersist(false);
        }
        return out;
    }
}
