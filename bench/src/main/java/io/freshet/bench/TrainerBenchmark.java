package io.freshet.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.freshet.data.RatingData;
import io.freshet.data.RatingReadOptions;
import io.freshet.data.RatingReader;
import io.freshet.data.SyntheticRatings;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.trainer.AlsSettings;
import io.freshet.trainer.FitRequest;
import io.freshet.trainer.TrainingService;
import io.freshet.store.GateRefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * The trainer's overhead: a whole {@code trainer fit} (read and validate the file, fit, export, publish, move
 * the pointer) against a bare {@code ALS.fit} of the same mode on the same ratings DataFrame with the same
 * parameters, in one JVM and one SparkSession (local[2], with the trainer's Spark defaults), alternating, several
 * rounds, after one warm-up of each. The fit is the trainer's default, the ranking objective (implicit ALS, rank 20,
 * on each rating less the neutral rating); each round also times {@code trainer fit --holdout 0} under the default
 * before it, the rating objective at rank 10, so the new default's cost reads as a ratio from the same run. Prints
 * each time, each round's ratio, the ratio of the medians and the median ratio.
 *
 * <p>Usage: TrainerBenchmark [WORKDIR] [ROUNDS, default 5]
 */
public final class TrainerBenchmark {
    private static final int USERS = 100_000;
    private static final int ITEMS = 20_000;
    private static final long RATINGS = 2_000_000;

    private TrainerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/trainer-bench").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Files.createDirectories(work);
        Path ratings = work.resolve("ratings-2m.dat");
        if (!Files.exists(ratings)) {
            SyntheticRatings.write(new SyntheticRatings.Spec(USERS, ITEMS, RATINGS, 10, 7), ratings.toString(),
                    new Configuration());
        }
        SparkSession.Builder builder = SparkSession.builder().master("local[2]").appName("freshet-trainer-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4");
        TrainingService.SPARK_DEFAULTS.forEach(builder::config); // the session the trainer would have
        SparkSession spark = builder.getOrCreate();
        RatingData data = new RatingReader(spark).read(ratings.toString(), RatingReadOptions.defaults());
        // the trainer's defaults (fit with no options), the neutral rating chosen from the data as fit chooses it
        Manifest.AlsParams p = BenchRequests.plain(ratings.toString(), defaults()).resolvedFor(data.maxRating()).als();
        Manifest.AlsParams old = new Manifest.AlsParams(10, 10, 0.1, 1.0, false, false, 42);
        System.out.printf("data: %,d ratings, %,d users, %,d items; ALS %s objective, rank %d, %d iterations, alpha %s, "
                + "neutral rating %s, local[2]%n", data.rows(), data.users(), data.items(), p.objective(), p.rank(),
                p.maxIter(), p.alpha(), p.neutralRating());
        ModelStore store = ModelStore.open(work.resolve("store").toString(), spark.sparkContext().hadoopConfiguration());
        FitRequest plain = BenchRequests.plain(ratings.toString(), p);
        FitRequest evaluated = BenchRequests.evaluated(ratings.toString(), p);
        FitRequest plainOld = BenchRequests.plain(ratings.toString(), old);

        double[] bare = new double[rounds];
        double[] freshet = new double[rounds];
        double[] gated = new double[rounds];
        double[] before = new double[rounds];
        // warm-up of both sides: JIT, code generation, the DataFrame's cache, the first Parquet write
        bareFit(data, p);
        trainerFit(spark, store, plain);
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            bare[r] = bareFit(data, p);
            freshet[r] = trainerFit(spark, store, plain);
            gated[r] = trainerFit(spark, store, evaluated);
            before[r] = trainerFit(spark, store, plainOld);
            ratios[r] = freshet[r] / bare[r];
            System.out.printf("round %d: bare ALS.fit %.2f s, trainer fit --holdout 0 %.2f s (ratio %.3f), trainer fit "
                    + "(evaluated, gated) %.2f s; earlier default (rating objective, rank 10) --holdout 0 %.2f s%n",
                    r + 1, bare[r], freshet[r], ratios[r], gated[r], before[r]);
        }
        double b = median(bare);
        double f = median(freshet);
        double g = median(gated);
        double o = median(before);
        System.out.printf("median: bare ALS.fit %.2f s; trainer fit --holdout 0 (read, validate, fit, export, publish, "
                + "promote) %.2f s; trainer fit with evaluation and gate %.2f s; earlier default --holdout 0 %.2f s%n",
                b, f, g, o);
        System.out.printf("trainer fit --holdout 0 / bare ALS.fit = %.3f (target < 1.25); median of the rounds' "
                + "ratios %.3f%n", f / b, median(ratios));
        System.out.printf("trainer fit (evaluated, gated) / bare ALS.fit = %.3f%n", g / b);
        System.out.printf("default fit / earlier default fit (both --holdout 0) = %.3f%n", f / o);
        store.prune(1, Duration.ZERO);
        spark.stop();
    }

    /** What {@code trainer fit} runs with no ALS option. */
    private static Manifest.AlsParams defaults() {
        AlsSettings settings = new AlsSettings();
        new CommandLine(settings).setCaseInsensitiveEnumValuesAllowed(true).parseArgs();
        return settings.params();
    }

    private static double trainerFit(SparkSession spark, ModelStore store, FitRequest request) {
        long t = System.nanoTime();
        try {
            new TrainingService(spark, store, Clock.systemUTC()).fit(request);
        } catch (GateRefusedException e) {
            // The previous round's current version was trained on all the data, holdout included, so it can
            // score better on today's holdout; a refusal is a normal outcome here and its time counts the same.
            System.out.println("  (gate refused: " + e.getMessage() + ")");
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /** ALS.fit as a Spark user would call it for the same mode: implicit on the ratings less the neutral rating. */
    private static double bareFit(RatingData data, Manifest.AlsParams p) {
        long t = System.nanoTime();
        Dataset<Row> ratings = p.ranking()
                ? data.ratings().withColumn("rating", col("rating").minus(lit(p.neutralRating().floatValue())))
                : data.ratings();
        ALSModel model = new ALS().setUserCol("user").setItemCol("item").setRatingCol("rating").setRank(p.rank())
                .setMaxIter(p.maxIter()).setRegParam(p.regParam()).setImplicitPrefs(p.ranking()).setAlpha(p.alpha())
                .setSeed(p.seed()).fit(ratings);
        model.userFactors().count();
        model.itemFactors().count();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
