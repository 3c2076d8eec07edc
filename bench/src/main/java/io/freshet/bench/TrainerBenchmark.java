package io.freshet.bench;

import io.freshet.data.RatingData;
import io.freshet.data.RatingReadOptions;
import io.freshet.data.RatingReader;
import io.freshet.data.SyntheticRatings;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.trainer.FitRequest;
import io.freshet.trainer.TrainingService;
import io.freshet.trainer.eval.GateRefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.SparkSession;

/**
 * The trainer's overhead: a whole {@code trainer fit} (read and validate the file, fit, export, publish, move
 * the pointer) against a bare {@code ALS.fit} on the same ratings DataFrame with the same parameters, in one
 * JVM and one SparkSession (local[2], with the trainer's Spark defaults), alternating, several rounds, after one
 * warm-up of each. Prints each time, each round's ratio, the ratio of the medians and the median ratio.
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
        Manifest.AlsParams p = new Manifest.AlsParams(10, 10, 0.1, 1.0, false, false, 42);
        RatingData data = new RatingReader(spark).read(ratings.toString(), RatingReadOptions.defaults());
        System.out.printf("data: %,d ratings, %,d users, %,d items; ALS rank %d, %d iterations, local[2]%n", data.rows(),
                data.users(), data.items(), p.rank(), p.maxIter());
        ModelStore store = ModelStore.open(work.resolve("store").toString(), spark.sparkContext().hadoopConfiguration());
        FitRequest plain = BenchRequests.plain(ratings.toString(), p);
        FitRequest evaluated = BenchRequests.evaluated(ratings.toString(), p);

        double[] bare = new double[rounds];
        double[] freshet = new double[rounds];
        double[] gated = new double[rounds];
        // warm-up of both sides: JIT, code generation, the DataFrame's cache, the first Parquet write
        bareFit(data, p);
        trainerFit(spark, store, plain);
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            bare[r] = bareFit(data, p);
            freshet[r] = trainerFit(spark, store, plain);
            gated[r] = trainerFit(spark, store, evaluated);
            ratios[r] = freshet[r] / bare[r];
            System.out.printf("round %d: bare ALS.fit %.2f s, trainer fit --holdout 0 %.2f s (ratio %.3f), trainer fit "
                    + "(evaluated, gated) %.2f s%n", r + 1, bare[r], freshet[r], ratios[r], gated[r]);
        }
        double b = median(bare);
        double f = median(freshet);
        double g = median(gated);
        System.out.printf("median: bare ALS.fit %.2f s; trainer fit --holdout 0 (read, validate, fit, export, publish, "
                + "promote) %.2f s; trainer fit with evaluation and gate %.2f s%n", b, f, g);
        System.out.printf("trainer fit --holdout 0 / bare ALS.fit = %.3f (target < 1.25); median of the rounds' "
                + "ratios %.3f%n", f / b, median(ratios));
        System.out.printf("trainer fit (evaluated, gated) / bare ALS.fit = %.3f%n", g / b);
        store.prune(1, Duration.ZERO);
        spark.stop();
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

    private static double bareFit(RatingData data, Manifest.AlsParams p) {
        long t = System.nanoTime();
        ALSModel model = new ALS().setUserCol("user").setItemCol("item").setRatingCol("rating").setRank(p.rank())
                .setMaxIter(p.maxIter()).setRegParam(p.regParam()).setSeed(p.seed()).fit(data.ratings());
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
