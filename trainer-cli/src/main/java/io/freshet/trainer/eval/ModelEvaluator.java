package io.freshet.trainer.eval;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.artifact.SeenItems;
import io.freshet.scoring.Scorer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores models on one {@link EvaluationSet}: the candidate on every metric (docs/metrics.md) with the
 * most-popular baseline beside it, and the current version on the gate metric. Top-k lists come from the
 * Scorer on the driver; every model ranks all items but the user's training items of this run.
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
     * Every metric of the candidate and of the baseline (training popularity from {@code artifact}); a metric
     * that cannot be computed (no held-out pair to predict, no relevant item) is left out, never NaN.
     *
     * @param model    the fitted model, for the regression metrics
     * @param artifact its export: factors, popularity and the training items of each user
     */
    public Map<String, Double> candidate(ALSModel model, ModelArtifact artifact) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        if (!set.implicitPrefs()) {
            metrics.putAll(RegressionScores.compute(model, set.frame()));
        }
        long t1 = System.nanoTime();
        metrics.putAll(scorerMetrics(artifact.users(), artifact.items(), artifact.seen()));
        long t2 = System.nanoTime();
        TopKLists baseline = TopKLists.popular(artifact.popularItems(), artifact.seen(), set.heldOut(), set.k());
        metrics.putAll(RankingScores.compute(jsc(), baseline.lists(), set.relevantSets(), set.k(),
                MetricNames.BASELINE));
        long t3 = System.nanoTime();
        LOG.info("evaluation times: regression {} s, model top-{} and ranking metrics {} s, baseline {} s",
                seconds(t1 - t0), set.k(), seconds(t2 - t1), seconds(t3 - t2));
        metrics.values().removeIf(v -> !Double.isFinite(v));
        return metrics;
    }

    /**
     * The current version's value of {@code metric} on this holdout, excluding {@code trainingItems} (this run's)
     * from its lists; empty when it cannot be computed.
     */
    public OptionalDouble current(CurrentVersion current, String metric, SeenItems trainingItems) {
        Map<String, Double> metrics = MetricNames.lowerIsBetter(metric)
                ? RegressionScores.compute(current.alsModel(spark), set.frame())
                : scorerMetrics(current.users(), current.items(), trainingItems);
        return finite(metrics.get(metric));
    }

    /**
     * One metric of a model, computing only what it needs: the regression metrics need no export, the others
     * need {@code artifact}'s factors and training items. Empty when it cannot be computed, or when the factors
     * hold NaN or Inf.
     */
    public OptionalDouble value(ALSModel model, Supplier<ModelArtifact> artifact, String metric) {
        Map<String, Double> metrics;
        if (MetricNames.lowerIsBetter(metric)) {
            metrics = RegressionScores.compute(model, set.frame());
        } else {
            ModelArtifact a = artifact.get();
            if (FiniteFactors.firstNonFinite(a).isPresent()) {
                return OptionalDouble.empty();
            }
            metrics = scorerMetrics(a.users(), a.items(), a.seen());
        }
        return finite(metrics.get(metric));
    }

    private static OptionalDouble finite(Double v) {
        return v == null || !Double.isFinite(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private Map<String, Double> scorerMetrics(FactorMatrix users, FactorMatrix items, SeenItems exclude) {
        long t = System.nanoTime();
        TopKLists lists = TopKLists.ofModel(users, items, exclude, set.heldOut(), set.k());
        LOG.info("top-{} of {} holdout users over {} items ({} kernel) in {} s", set.k(), lists.scored(), items.size(),
                Scorer.kernelName(), seconds(System.nanoTime() - t));
        Map<String, Double> metrics = new LinkedHashMap<>(
                RankingScores.compute(jsc(), lists.lists(), set.relevantSets(), set.k(), ""));
        metrics.put(MetricNames.CATALOG_COVERAGE, lists.catalogCoverage(items.size()));
        metrics.put(MetricNames.USER_COVERAGE, lists.userCoverage());
        return metrics;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private JavaSparkContext jsc() {
        return JavaSparkContext.fromSparkContext(spark.sparkContext());
    }
}
