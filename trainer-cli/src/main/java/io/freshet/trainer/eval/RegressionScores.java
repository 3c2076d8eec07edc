package io.freshet.trainer.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * RMSE and MAE of an explicit-feedback model on held-out ratings, through Spark's RegressionEvaluator. Pairs
 * the model cannot predict (a user or item it was not fitted on) are dropped, as ALS's cold-start strategy
 * "drop" does; none left gives no figures.
 */
public final class RegressionScores {
    private RegressionScores() {
    }

    public static Map<String, Double> compute(ALSModel model, Dataset<Row> holdout) {
        Dataset<Row> predictions = model.setColdStartStrategy("drop").transform(holdout).cache();
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            if (predictions.isEmpty()) {
                return out;
            }
            RegressionEvaluator evaluator = new RegressionEvaluator().setLabelCol("rating")
                    .setPredictionCol(model.getPredictionCol());
            out.put(MetricNames.RMSE, evaluator.setMetricName("rmse").evaluate(predictions));
            out.put(MetricNames.MAE, evaluator.setMetricName("mae").evaluate(predictions));
        } finally {
            predictions.unpersist();
        }
        return out;
    }
}
