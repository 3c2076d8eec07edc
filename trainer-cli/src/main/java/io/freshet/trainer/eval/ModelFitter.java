package io.freshet.trainer.eval;

import io.freshet.store.Manifest;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Fits an ALS model on ratings (columns user, item, rating); the trainer's one way to fit, and a test seam. */
@FunctionalInterface
public interface ModelFitter {
    ALSModel fit(Dataset<Row> ratings, Manifest.AlsParams params);
}
