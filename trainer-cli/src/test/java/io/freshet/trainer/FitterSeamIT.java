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
import io.freshet.CorruptVersionException;
import io.freshet.store.FaultyFileSystem;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.PointerMovedException;
import io.freshet.store.StoreException;
import io.freshet.store.VersionId;
import io.freshet.trainer.eval.EvaluationSettings;
import io.freshet.store.GateRefusedException;
import io.freshet.trainer.eval.GateSettings;
import io.freshet.trainer.eval.ModelFitter;
import io.freshet.trainer.eval.SplitMode;
import io.freshet.testing.LocalSparkExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training service driven through its fitter seam. A model whose factors hold NaN is refused (even with
 * --force), published rejected with its ALS layout and manifest but no factor files, the pointer unmoved. Two
 * trainers overlapping on one store: the one that judged its candidate against a current version that the other
 * replaced meanwhile publishes but does not promote (exit 9). The race is placed exactly: the other trainer runs
 * while the first refits (--refit-all), after its gate read the current version and before it promotes.
 */
@ExtendWith(LocalSparkExtension.class)
class FitterSeamIT {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path ratings;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
        ratings = PreferenceRatings.write(dir.resolve("ratings.dat"), 200, 80, 20, 5);
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

        TrainingService nan = new TrainingService(spark, store, Clock.systemUTC(), FitterSeamIT::nanModel);
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

    static FitRequest rankingRequest(boolean refitAll) {
        return new FitRequest(ratings.toString(), RatingReadOptions.defaults(),
                new Manifest.AlsParams(4, 5, 0.1, 1.0, true, false, 1, Manifest.AlsParams.RANKING, null), true,
                Duration.ofHours(1), new EvaluationSettings(0.2, SplitMode.AUTO, 10, null, refitAll),
                new GateSettings("ndcg@10", 1.0, 0.0, 0.0, false), Optional.empty());
    }

    @Test
    void aFitJudgedAgainstAReplacedCurrentVersionIsPublishedButNotPromoted() {
        ModelStore store = ModelStore.open(dir.resolve("store-overlapping").toString(), new Configuration());
        VersionId first = new TrainingService(spark, store, Clock.systemUTC()).fit(rankingRequest(false)).version();

        AtomicInteger calls = new AtomicInteger();
        AtomicReference<VersionId> racer = new AtomicReference<>();
        ModelFitter als = new AlsFitter(spark);
        ModelFitter racing = (data, params) -> {
            if (calls.incrementAndGet() == 2) { // the refit: the gate has judged against `first` by now
                racer.set(new TrainingService(spark, store, Clock.systemUTC()).fit(rankingRequest(false)).version());
            }
            return als.fit(data, params);
        };
        PointerMovedException e = assertThrows(PointerMovedException.class,
                () -> new TrainingService(spark, store, Clock.systemUTC(), racing).fit(rankingRequest(true)));

        assertEquals(ExitCode.POINTER_MOVED, ExitCode.of(e));
        assertEquals(Optional.of(racer.get()), store.pointer(), "the other trainer's promotion stands");
        assertTrue(e.getMessage().contains(first.value()) && e.getMessage().contains(racer.get().value()),
                e.getMessage());
        Manifest late = store.manifest(e.version());
        assertEquals(Manifest.ACCEPTED, late.status(), "published, and promotable by a rollback");
        assertEquals(first.value(), late.gate().currentId());
        assertEquals(3, store.versions().size());
    }

    @Test
    void aStoreThatCannotBeWrittenStopsTheFitBeforeAnyFitting() {
        Configuration conf = FaultyFileSystem.configuration();
        ModelStore store = ModelStore.open("faulty://" + dir.resolve("store-unwritable").toAbsolutePath(), conf);
        AtomicInteger fits = new AtomicInteger();
        ModelFitter counting = (data, params) -> {
            fits.incrementAndGet();
            return new AlsFitter(spark).fit(data, params);
        };
        FaultyFileSystem.inject(FaultyFileSystem.Fault.CREATE_THROWS, "write-check");
        try {
            StoreException e = assertThrows(StoreException.class,
                    () -> new TrainingService(spark, store, Clock.systemUTC(), counting).fit(rankingRequest(false)));
            assertEquals(ExitCode.STORE, ExitCode.of(e));
            assertTrue(e.getMessage().contains("write-check") && e.getMessage().contains("injected"), e.getMessage());
            assertEquals(0, fits.get(), "nothing was fitted");
        } finally {
            FaultyFileSystem.reset();
        }
    }

    @Test
    void aFullDiskWhileTheVersionIsWrittenIsAStoreErrorNamingTheFileAndPublishesNothing() {
        Configuration conf = FaultyFileSystem.configuration();
        Configuration sparks = spark.sparkContext().hadoopConfiguration();
        for (String key : new String[] {"fs.faulty.impl", "fs.faulty.impl.disable.cache", "fs.AbstractFileSystem.faulty.impl"}) {
            sparks.set(key, conf.get(key)); // the ALS layout is written by Spark into the same faulty:// store
        }
        ModelStore store = ModelStore.open("faulty://" + dir.resolve("store-full").toAbsolutePath(), conf);
        FaultyFileSystem.inject(FaultyFileSystem.Fault.WRITE_FS_ERROR, "factors.bin");
        try {
            StoreException e = assertThrows(StoreException.class,
                    () -> new TrainingService(spark, store, Clock.systemUTC()).fit(rankingRequest(false)));
            assertEquals(ExitCode.STORE, ExitCode.of(e));
            assertTrue(e.getMessage().contains("factors.bin") && e.getMessage().contains("No space left on device"),
                    e.getMessage());
            assertEquals(java.util.List.of(), store.versions());
            assertEquals(Optional.empty(), store.pointer());
        } finally {
            FaultyFileSystem.reset();
        }
    }
}
