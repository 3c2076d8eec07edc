package io.freshet.trainer;

import io.freshet.cli.SparkOptions;
import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;

/**
 * The options {@code fit} and {@code tune} share: the store, Spark, the input, ALS, evaluation and the gate, and
 * publishing; and the training service they run on, in a Spark session of its own.
 */
final class FitOptions {
    @Mixin
    StoreOption store;
    @Mixin
    SparkOptions sparkOptions;
    @Mixin
    VerboseOption verbose;
    @Mixin
    AlsSettings als;
    @Mixin
    InputOptions inputOptions;
    @Mixin
    EvaluationOptions evaluationOptions;
    @Mixin
    PublishOptions publishOptions;

    /** The training run these options ask for. */
    FitRequest request() {
        return new FitRequest(inputOptions.input(), inputOptions.readOptions(), als.params(),
                !publishOptions.noPromote, publishOptions.temporaryGrace, evaluationOptions.evaluation(),
                evaluationOptions.gate(), Optional.empty());
    }

    /**
     * Runs {@code work} with a training service over the store, in a Spark session named {@code appName} with the
     * trainer's Spark defaults, stopped when it returns.
     */
    <T> T withService(String appName, BiFunction<SparkSession, TrainingService, T> work) {
        SparkSession spark = sparkOptions.session(appName, TrainingService.SPARK_DEFAULTS);
        try {
            TrainingService service = new TrainingService(spark,
                    store.open(spark.sparkContext().hadoopConfiguration()), Clock.systemUTC());
            return work.apply(spark, service);
        } finally {
            spark.stop();
        }
    }
}
