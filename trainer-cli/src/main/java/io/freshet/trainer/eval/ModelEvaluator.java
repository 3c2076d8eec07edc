package io.freshet.trainer.eval;

import io.freshet.artifact.FactorMatrix;
import io.freshet.scoring.Scorer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Scores models on one {@link EvaluationSet}: the candidate on every metric (docs/metrics.md) with the
 * most-popular baseline beside it, and the current version on the gate metric. Top-k lists are ranked on the
 * executors ({@link HoldoutLists}) over the item factors the driver broadcasts; every model ranks all items but the
 * user's training items of this run. The driver receives the metrics' sums only.
 */
public final class ModelEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(ModelEvaluator.class);

    private final SparkSession spark;
    private final EvaluationSet set;

    public ModelEvaluator(SparkSession spark, EvaluationSet set) {
        this.spark = spark;
        this.set = set;
    }

    /**
     * Every metric of the candidate and of the baseline; a metric that cannot be computed (no held-out pair to
     * predict, no relevant item) is left out, never NaN.
     *
     * @param model        the fitted model: its user factors, and the regression metrics
     * @param items        its item factors
     * @param popularItems the training part's items, most rated first: the baseline's list
     */
    public Map<String, Double> candidate(ALSModel model, FactorMatrix items, int[] popularItems) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        if (!set.implicitPrefs()) {
            metrics.putAll(RegressionScores.compute(model, set.frame()));
        }
        long t1 = System.nanoTime();
        metrics.putAll(scorerMetrics(model.userFactors(), items));
        long t2 = System.nanoTime();
        Broadcast<int[]> popular = jsc().broadcast(popularItems);
        try {
            metrics.putAll(RankingScores.compute(pairs(HoldoutLists.popular(set, popular)), set.k(),
                    MetricNames.BASELINE));
        } finally {
            popular.destroy();
        }
        long t3 = System.nanoTime();
        LOG.info("evaluation times: regression {} s, model top-{} and ranking metrics {} s, baseline {} s",
                seconds(t1 - t0), set.k(), seconds(t2 - t1), seconds(t3 - t2));
        metrics.values().removeIf(v -> !Double.isFinite(v));
        return metrics;
    }

    /** The current version's value of {@code metric} on this holdout; empty when it cannot be computed. */
    public OptionalDouble current(CurrentVersion current, String metric) {
        Map<String, Double> metrics = MetricNames.lowerIsBetter(metric)
                ? RegressionScores.compute(current.alsModel(spark), set.frame())
                : scorerMetrics(current.userFrame(spark), current.items());
        return finite(metrics.get(metric));
    }

    /**
     * One metric of a model, computing only what it needs: the regression metrics need no factors on the driver,
     * the others the item factors {@code items} supplies. Empty when it cannot be computed, or when the factors
     * hold NaN or Inf.
     */
    public OptionalDouble value(ALSModel model, Supplier<FactorMatrix> items, String metric) {
        Map<String, Double> metrics;
        if (MetricNames.lowerIsBetter(metric)) {
            metrics = RegressionScores.compute(model, set.frame());
        } else {
            FactorMatrix i = items.get();
            if (FiniteFactors.firstNonFinite(model.userFactors(), i).isPresent()) {
                return OptionalDouble.empty();
            }
            metrics = scorerMetrics(model.userFactors(), i);
        }
        return finite(metrics.get(metric));
    }

    private static OptionalDouble finite(Double v) {
        return v == null || !Double.isFinite(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private Map<String, Double> scorerMetrics(Dataset<Row> userFactors, FactorMatrix items) {
        long t = System.nanoTime();
        Broadcast<Scorer> itemSide = jsc().broadcast(HoldoutLists.itemSide(items));
        JavaRDD<HoldoutLists.UserList> lists = HoldoutLists.ofModel(set, userFactors, itemSide)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Double> metrics = new LinkedHashMap<>(RankingScores.compute(pairs(lists), set.k(), ""));
            long scored = lists.filter(HoldoutLists.UserList::scored).count();
            long distinctItems = lists.flatMap(l -> java.util.Arrays.stream(l.list()).iterator()).distinct().count();
            metrics.put(MetricNames.CATALOG_COVERAGE, items.size() == 0 ? 0 : distinctItems / (double) items.size());
            metrics.put(MetricNames.USER_COVERAGE, set.heldOutUsers() == 0 ? 0 : scored / (double) set.heldOutUsers());
            LOG.info("top-{} of {} holdout users over {} items ({} kernel, on the executors) in {} s", set.k(), scored,
                    items.size(), Scorer.kernelName(), seconds(System.nanoTime() - t));
            return metrics;
        } finally {
            lists.unpersist(false);
            itemSide.destroy();
        }
    }

    private static JavaRDD<Tuple2<int[], int[]>> pairs(JavaRDD<HoldoutLists.UserList> lists) {
        return lists.map(l -> new Tuple2<>(l.list(), l.relevant()));
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private JavaSparkContext jsc() {
        return JavaSparkContext.fromSparkContext(spark.sparkContext());
    }
}
