package io.freshet.trainer;

import io.freshet.cli.SparkOptions;
import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.trainer.metrics.RunRecorder;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * The options {@code fit} and {@code tune} share: the store, Spark, the input, ALS, evaluation and the gate, and
 * publishing, ALS checkpoints; and the training service they run on, in a Spark session of its own.
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
    @Mixin
    CheckpointOptions checkpoints;

    /** The training run these options ask for. */
    FitRequest request() {
        checkpoints.validate();
        return new FitRequest(inputOptions.input(), inputOptions.readOptions(), als.params(),
                !publishOptions.noPromote, publishOptions.temporaryGrace, evaluationOptions.evaluation(),
                evaluationOptions.gate(), Optional.empty());
    }

    /**
     * Runs {@code work} with a training service over the store, in a Spark session named {@code appName} with the
     * trainer's Spark defaults, stopped when it returns.
     */
    <T> T withService(String appName, BiFunction<SparkSession, TrainingService, T> work) {
        return withService(appName, new RunRecorder(), work);
    }

    /**
     * {@link #withService(String, BiFunction)} with a service that records into {@code recorder}, which also gets
     * the version the pointer names when the work ends, however it ends, if the store can still be read.
     */
    <T> T withService(String appName, RunRecorder recorder, BiFunction<SparkSession, TrainingService, T> work) {
        SparkSession spark = sparkOptions.session(appName, TrainingService.SPARK_DEFAULTS);
        try {
            ModelStore modelStore = store.open(spark.sparkContext().hadoopConfiguration());
            AutoCloseable checkpointing = checkpoints.apply(spark, modelStore);
            try {
                return work.apply(spark, new TrainingService(spark, modelStore, Clock.systemUTC(), recorder));
            } finally {
                closeQuietly(checkpointing);
                recordServed(modelStore, recorder);
            }
        } finally {
            spark.stop();
        }
    }

    private static void recordServed(ModelStore modelStore, RunRecorder recorder) {
        try {
            Optional<VersionId> current = modelStore.current();
            current.ifPresent(id -> recorder.served(id.value(), modelStore.manifest(id).createdAt()));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(FitOptions.class).warn("cannot read the served version for the run's metrics: {}",
                    e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(FitOptions.class).warn("cannot remove the ALS checkpoints: {}", e.getMessage());
        }
    }
}
