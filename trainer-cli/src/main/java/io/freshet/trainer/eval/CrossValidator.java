package io.freshet.trainer.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;

import io.freshet.BadInputException;
import io.freshet.store.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.OptionalDouble;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * k-fold cross-validation of ALS settings on the training part of a run: each rating falls in one fold by a
 * hash of (user, item, seed), each setting is fitted on all folds but one and scored on that one, for every
 * fold; the setting with the best mean of the metric wins (the first one on a tie).
 */
public final class CrossValidator {
    private static final Logger LOG = LoggerFactory.getLogger(CrossValidator.class);

    private final SparkSession spark;
    private final ModelFitter fitter;

    public CrossValidator(SparkSession spark, ModelFitter fitter) {
        this.spark = spark;
        this.fitter = fitter;
    }

    /** The search's trials and the setting chosen. */
    public record Result(Manifest.Tuning tuning, Manifest.AlsParams best) {
    }

    /**
     * Scores every candidate by {@code folds}-fold cross-validation on {@code ratings} (columns user, item,
     * rating, timestamp) with {@code metric}, evaluated as {@code settings} says (k, relevance threshold, which
     * must have been {@linkplain EvaluationSettings#resolved resolved}).
     */
    public Result search(Dataset<Row> ratings, List<Manifest.AlsParams> candidates, int folds, long seed,
                         String metric, EvaluationSettings settings) {
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2, got " + folds);
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no ALS setting to try");
        }
        boolean implicitPrefs = candidates.get(0).implicitPrefs();
        double threshold = Objects.requireNonNull(settings.relevanceThreshold(), "resolved relevance threshold");
        Dataset<Row> marked = ratings.withColumn("_fold",
                floor(HoldoutSplit.uniform(seed, "fold").multiply(folds)).cast("int")).cache();
        List<List<OptionalDouble>> values = new ArrayList<>();
        candidates.forEach(c -> values.add(new ArrayList<>()));
        try {
            for (int f = 0; f < folds; f++) {
                Dataset<Row> train = marked.filter(col("_fold").notEqual(f)).drop("_fold").cache();
                Dataset<Row> validation = marked.filter(col("_fold").equalTo(f)).drop("_fold").cache();
                EvaluationSet set = null;
                try {
                    set = EvaluationSet.of(validation, train, settings.k(), implicitPrefs, threshold);
                    ModelEvaluator evaluator = new ModelEvaluator(spark, set);
                    for (int c = 0; c < candidates.size(); c++) {
                        Manifest.AlsParams p = candidates.get(c);
                        ALSModel model = fitter.fit(train, p);
                        OptionalDouble v = evaluator.value(model,
                                () -> FactorFrames.collect(model.itemFactors(), model.rank()), metric);
                        values.get(c).add(v);
                        LOG.info("tune: fold {}/{}: rank {}, reg-param {}, alpha {}: {} {}", f + 1, folds, p.rank(),
                                p.regParam(), p.alpha(), metric, v.isPresent() ? format(v.getAsDouble()) : "(none)");
                    }
                } finally {
                    if (set != null) {
                        set.release();
                    }
                    train.unpersist();
                    validation.unpersist();
                }
            }
        } finally {
            marked.unpersist();
        }
        return choose(candidates, values, metric, folds);
    }

    /** The trials with their means, and the best; BadInputException when no setting could be scored in every fold. */
    static Result choose(List<Manifest.AlsParams> candidates, List<List<OptionalDouble>> values, String metric,
                         int folds) {
        List<Manifest.Trial> trials = new ArrayList<>();
        int best = -1;
        double bestMean = Double.NaN;
        for (int c = 0; c < candidates.size(); c++) {
            Manifest.AlsParams p = candidates.get(c);
            List<Double> scored = values.get(c).stream().filter(OptionalDouble::isPresent)
                    .map(OptionalDouble::getAsDouble).toList();
            Double mean = scored.size() == values.get(c).size() && !scored.isEmpty()
                    ? scored.stream().mapToDouble(Double::doubleValue).average().getAsDouble() : null;
            trials.add(new Manifest.Trial(p.rank(), p.regParam(), p.alpha(), mean, scored));
            if (mean != null && (best < 0 || better(metric, mean, bestMean))) {
                best = c;
                bestMean = mean;
            }
        }
        if (best < 0) {
            throw new BadInputException("tune: no setting could be scored with " + metric + " in every fold");
        }
        Manifest.AlsParams chosen = candidates.get(best);
        LOG.info("tune: chose rank {}, reg-param {}, alpha {}: mean {} {} over {} folds", chosen.rank(),
                chosen.regParam(), chosen.alpha(), metric, format(bestMean), folds);
        return new Result(new Manifest.Tuning(metric, folds, trials), chosen);
    }

    private static boolean better(String metric, double a, double b) {
        return MetricNames.lowerIsBetter(metric) ? a < b : a > b;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
