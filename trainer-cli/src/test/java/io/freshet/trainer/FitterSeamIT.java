package io.freshet.trainer;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.data.RatingReadOptions;
import io.freshet.serving.ModelLoader;
import io.freshet.store.CorruptVersionException;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.trainer.eval.EvaluationSettings;
import io.freshet.trainer.eval.GateRefusedException;
import io.freshet.trainer.eval.GateSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose factors hold NaN, handed to the training service through its fitter seam: refused (even with
 * --force), published rejected with its ALS layout and manifest but no factor files, the pointer unmoved.
 */
class NonFiniteModelGateIT {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path ratings;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        ratings = PreferenceRatings.write(dir.resolve("ratings.dat"), 200, 80, 20, 5);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Rank 2 factors for every user and item of the ratings, all 0.5 except user 7's first factor: NaN. */
    static ALSModel nanModel(Dataset<Row> ratings, Manifest.AlsParams params) {
        Column half = lit(0.5f).cast(DataTypes.FloatType);
        Dataset<Row> users = ratings.select(col("user").as("id")).distinct().withColumn("features",
                array(when(col("id").equalTo(7), lit(Float.NaN)).otherwise(half).cast(DataTypes.FloatType), half));
        Dataset<Row> items = ratings.select(col("item").as("id")).distinct()
                .withColumn("features", array(half, half));
        return new ALSModel("als-nan", 2, users, items).setUserCol("user").setItemCol("item")
                .setPredictionCol("prediction").setColdStartStrategy("drop");
    }

    static FitRequest request(boolean force) {
        return new FitRequest(ratings.toString(), RatingReadOptions.defaults(),
                new Manifest.AlsParams(2, 5, 0.1, 1.0, false, false, 1), true, Duration.ofHours(1),
                EvaluationSettings.defaults(), new GateSettings("ndcg@10", 0.02, 0.5, 0.0, force), Optional.empty());
    }

    @Test
    void aModelWithNanFactorsIsRefusedEvenWithForceAndPublishedWithoutFactorFiles() {
        Path storePath = dir.resolve("store");
        ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
        VersionId good = new TrainingService(spark, store, Clock.systemUTC()).fit(request(false)).version();

        TrainingService nan = new TrainingService(spark, store, Clock.systemUTC(), NonFiniteModelGateIT::nanModel);
        GateRefusedException e = assertThrows(GateRefusedException.class, () -> nan.fit(request(true)));
        assertEquals(ExitCode.GATE_REFUSED, ExitCode.of(e));
        assertTrue(e.getMessage().contains("NaN or Inf") && e.getMessage().contains("user 7"), e.getMessage());

        assertEquals(Optional.of(good), store.pointer());
        Manifest m = store.manifest(e.version());
        assertEquals(Manifest.REJECTED, m.status());
        assertFalse(m.gate().passed());
        assertTrue(m.metrics().isEmpty(), "a NaN model is not evaluated: " + m.metrics());
        assertFalse(m.files().containsKey("factors.bin") || m.files().containsKey("seen.bin"), m.files().toString());
        assertTrue(m.files().keySet().stream().anyMatch(f -> f.startsWith("als/")), m.files().toString());
        assertThrows(CorruptVersionException.class, () -> new ModelLoader(store).load(e.version()));
    }
}
