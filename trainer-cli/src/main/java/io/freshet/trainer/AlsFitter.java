package io.freshet.trainer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.freshet.store.Manifest;
import io.freshet.trainer.eval.ModelFitter;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark ALS with the trainer's settings: cold-start "drop", progress logged by stage. For the ranking objective
 * ALS sees each rating minus the neutral rating: Spark's implicit ALS takes a positive value as a preference
 * with confidence 1 + alpha x value, and a negative one as a non-preference with confidence 1 + alpha x |value|
 * (docs/metrics.md, "Objectives").
 */
final class AlsFitter implements ModelFitter {
    private static final Logger LOG = LoggerFactory.getLogger(AlsFitter.class);
    /** The session setting that holds ALS's checkpoint interval ({@link CheckpointOptions}); Spark's default, 10. */
    static final String CHECKPOINT_INTERVAL = "spark.freshet.als.checkpointInterval";

    private final SparkSession spark;

    AlsFitter(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public ALSModel fit(Dataset<Row> ratings, Manifest.AlsParams p) {
        LOG.info("fitting ALS: rank {}, {} iterations, reg-param {}, {}, seed {}", p.rank(), p.maxIter(), p.regParam(),
                p.ranking() ? "ranking objective (implicit, alpha " + p.alpha() + ", neutral rating "
                        + p.neutralRating() + ")" : "rating objective (explicit)", p.seed());
        ALS als = new ALS().setUserCol("user").setItemCol("item").setRatingCol("rating")
                .setRank(p.rank()).setMaxIter(p.maxIter()).setRegParam(p.regParam()).setAlpha(p.alpha())
                .setImplicitPrefs(p.implicitPrefs()).setNonnegative(p.nonnegative()).setSeed(p.seed())
                .setColdStartStrategy("drop")
                .setCheckpointInterval(Integer.parseInt(spark.conf().get(CHECKPOINT_INTERVAL, "10")));
        FitProgress progress = new FitProgress("fit");
        spark.sparkContext().addSparkListener(progress);
        try {
            long t = System.nanoTime();
            ALSModel model = als.fit(preferences(ratings, p));
            // ALS.fit has computed and persisted the factor RDDs behind userFactors and itemFactors already
            LOG.info("fitted ALS in {} s", TrainingService.seconds(t));
            return model;
        } finally {
            spark.sparkContext().removeSparkListener(progress);
        }
    }

    /** What ALS fits for {@code p}: the ratings, less the neutral rating for a ranking fit. */
    static Dataset<Row> preferences(Dataset<Row> ratings, Manifest.AlsParams p) {
        if (!p.ranking() || p.neutralRating() == null || p.neutralRating() == 0) {
            return ratings;
        }
        return ratings.withColumn("rating", col("rating").minus(lit(p.neutralRating().floatValue())));
    }
}
