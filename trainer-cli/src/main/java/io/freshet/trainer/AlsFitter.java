package io.freshet.trainer;

import io.freshet.store.Manifest;
import io.freshet.trainer.eval.ModelFitter;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Spark ALS with the trainer's settings: cold-start "drop", progress logged by stage. */
final class AlsFitter implements ModelFitter {
    private static final Logger LOG = LoggerFactory.getLogger(AlsFitter.class);

    private final SparkSession spark;

    AlsFitter(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public ALSModel fit(Dataset<Row> ratings, Manifest.AlsParams p) {
        LOG.info("fitting ALS: rank {}, {} iterations, reg-param {}, {}, seed {}", p.rank(), p.maxIter(), p.regParam(),
                p.implicitPrefs() ? "implicit (alpha " + p.alpha() + ")" : "explicit", p.seed());
        ALS als = new ALS().setUserCol("user").setItemCol("item").setRatingCol("rating")
                .setRank(p.rank()).setMaxIter(p.maxIter()).setRegParam(p.regParam()).setAlpha(p.alpha())
                .setImplicitPrefs(p.implicitPrefs()).setNonnegative(p.nonnegative()).setSeed(p.seed())
                .setColdStartStrategy("drop");
        FitProgress progress = new FitProgress("fit");
        spark.sparkContext().addSparkListener(progress);
        try {
            long t = System.nanoTime();
            ALSModel model = als.fit(ratings);
            // ALS.fit has computed and persisted the factor RDDs behind userFactors and itemFactors already
            LOG.info("fitted ALS in {} s", TrainingService.seconds(t));
            return model;
        } finally {
            spark.sparkContext().removeSparkListener(progress);
        }
    }
}
