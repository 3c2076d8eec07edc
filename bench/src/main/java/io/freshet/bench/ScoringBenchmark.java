package io.freshet.bench;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import io.freshet.scoring.ItemFilter;
import io.freshet.scoring.Scorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import jdk.incubator.vector.FloatVector;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Top-N scoring: Spark's {@code ALSModel.recommendForUserSubset} against {@link Scorer} on the same random factors,
 * and both against the CPU's FMA limit measured in the same run; beside users' top-N, the scorer's item-to-item
 * lists (similar items, {@code batch} items per call, each item one query). One JVM, one run, a hand-made harness
 * ({@link Timing}: warm-up iterations, then the median of measured ones).
 *
 * <p>Arguments, all optional, as {@code key=value}: users (100000), items (20000), ranks (10,32), n (10),
 * batch (1000), bigBatch (10000), sparkRuns (5), threads (all cores).
 */
public final class ScoringBenchmark {
    private final Map<String, String> settings;

    private ScoringBenchmark(Map<String, String> settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("arguments are key=value, got '" + arg + "'");
            }
            settings.put(pair[0], pair[1]);
        }
        new ScoringBenchmark(settings).run();
    }

    private int setting(String key, int fallback) {
        return Integer.parseInt(settings.getOrDefault(key, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        int userCount = setting("users", 100_000);
        int itemCount = setting("items", 20_000);
        int n = setting("n", 10);
        int batch = setting("batch", 1000);
        int bigBatch = setting("bigBatch", 10_000);
        int sparkRuns = setting("sparkRuns", 5);
        int threads = setting("threads", Runtime.getRuntime().availableProcessors());
        int[] ranks = Arrays.stream(settings.getOrDefault("ranks", "10,32").split(",")).mapToInt(Integer::parseInt)
                .toArray();

        System.out.printf(Locale.ROOT, "java %s, %d cores, scoring kernel %s, vector species %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Scorer.kernelName(),
                FloatVector.SPECIES_PREFERRED);
        double[] peak = peak(threads);
        System.out.printf(Locale.ROOT, "peak FMA: %.1f GFLOP/s one thread (wall), %.1f (thread CPU), %.1f with %d "
                + "threads (wall)%n", peak[0], peak[1], peak[2], threads);

        SparkSession spark = SparkSession.builder().master("local[2]").appName("ScoringBenchmark")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        try {
            for (int rank : ranks) {
                System.out.printf(Locale.ROOT, "%n== %d users x %d items, rank %d, top-%d ==%n", userCount, itemCount,
                        rank, n);
                FactorMatrix users = gaussian(userCount, rank, 1000L + rank);
                FactorMatrix items = gaussian(itemCount, rank, 2000L + rank);
                int[] batchRows = spread(batch, userCount);
                int[] bigRows = spread(bigBatch, userCount);
                double flopsPerUser = 2.0 * itemCount * rank;
                Scorer scorer = Scorer.create(users, items, SeenItems.empty());

                Timing.Result one = Timing.measure(300, 51, () -> scorer.topN(batchRows, n, false));
                Timing.Result oneBig = Timing.measure(4, 9, () -> scorer.topN(bigRows, n, false));
                Timing.Result all = Timing.measure(4, 9, () -> scorer.topN(bigRows, n, false, threads));
                Scorer withSeen = Scorer.create(users, items, seen(users, items, 20, 3000L + rank));
                Timing.Result seenBig = Timing.measure(4, 9, () -> withSeen.topN(bigRows, n, true));
                int[] itemRows = spread(batch, itemCount);
                int[] itemN = new int[batch];
                Arrays.fill(itemN, n);
                ItemFilter[] noRules = new ItemFilter[batch];
                Arrays.fill(noRules, ItemFilter.NONE);
                Timing.Result similar = Timing.measure(40, 31, () -> scorer.similarItems(itemRows, itemN, noRules, 1));
                Timing.Result similarAll = Timing.measure(40, 31,
                        () -> scorer.similarItems(itemRows, itemN, noRules, threads));
                double spark1 = sparkSeconds(spark, users, items, batchRows, n, sparkRuns);

                double sparkRate = batch / spark1;
                double oneRate = batch / one.wallSeconds();
                report("(a) Spark recommendForUserSubset, local[2]", batch, spark1, Double.NaN, flopsPerUser, peak);
                report("(b) Scorer, 1 thread", batch, one.wallSeconds(), one.cpuSeconds(), flopsPerUser, peak);
                report("(b) Scorer, 1 thread", bigBatch, oneBig.wallSeconds(), oneBig.cpuSeconds(), flopsPerUser,
                        peak);
                report("(b) Scorer, 1 thread, 20 seen items/user excluded", bigBatch, seenBig.wallSeconds(),
                        seenBig.cpuSeconds(), flopsPerUser, peak);
                report("(d) Scorer similar items (item-to-item), 1 thread", "items", batch, similar.wallSeconds(),
                        similar.cpuSeconds(), flopsPerUser, peak);
                System.out.printf(Locale.ROOT, "  %-52s %6d items: %10.0f items/s%n",
                        "(d) Scorer similar items, " + threads + " threads", batch, batch / similarAll.wallSeconds());
                double allRate = bigBatch / all.wallSeconds();
                System.out.printf(Locale.ROOT, "  %-52s %6d users: %10.0f users/s  %6.1f GFLOP/s = %4.1f%% of "
                        + "%d-thread peak%n", "(c) Scorer, " + threads + " threads", bigBatch, allRate,
                        allRate * flopsPerUser / 1e9, 100 * allRate * flopsPerUser / 1e9 / peak[2], threads);
                System.out.printf(Locale.ROOT, "  ratio b/a (1 thread vs Spark, %d users): %.0f%n", batch,
                        oneRate / sparkRate);
            }
        } finally {
            spark.stop();
        }
    }

    private static void report(String what, int users, double wall, double cpu, double flopsPerUser, double[] peak) {
        report(what, "users", users, wall, cpu, flopsPerUser, peak);
    }

    /** One line: {@code count} queries ({@code noun}: users, or items for similar items) in {@code wall} seconds. */
    private static void report(String what, String noun, int count, double wall, double cpu, double flopsPerQuery,
                               double[] peak) {
        double rate = count / wall;
        double gflops = rate * flopsPerQuery / 1e9;
        String line = String.format(Locale.ROOT, "  %-52s %6d %s: %10.0f %s/s  %6.1f GFLOP/s = %4.1f%% of "
                + "1-thread peak", what, count, noun, rate, noun, gflops, 100 * gflops / peak[0]);
        if (!Double.isNaN(cpu)) {
            double cpuRate = count / cpu;
            line += String.format(Locale.ROOT, " | thread CPU: %.0f %s/s = %.1f%% of peak", cpuRate, noun,
                    100 * cpuRate * flopsPerQuery / 1e9 / peak[1]);
        }
        System.out.println(line);
    }

    /** {one thread on the wall clock, one thread on its CPU clock, all threads on the wall clock}, GFLOP/s. */
    private static double[] peak(int threads) throws Exception {
        long iterations = 50_000_000L;
        Timing.Result one = Timing.measure(3, 7, () -> PeakFma.spin(iterations));
        Timing.Result all = Timing.measure(1, 5, () -> {
            List<Thread> workers = new ArrayList<>();
            AtomicReference<Float> sink = new AtomicReference<>(0f);
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> sink.set(PeakFma.spin(iterations)));
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
        });
        double flops = PeakFma.flops(iterations);
        return new double[] {flops / one.wallSeconds() / 1e9, flops / one.cpuSeconds() / 1e9,
            threads * flops / all.wallSeconds() / 1e9};
    }

    /** Median wall seconds of Spark's recommendForUserSubset for the given user rows, after one warm-up run. */
    private static double sparkSeconds(SparkSession spark, FactorMatrix users, FactorMatrix items, int[] rows, int n,
                                       int runs) throws Exception {
        ALSModel model = new ALSModel("bench", users.rank(), frame(spark, users), frame(spark, items))
                .setUserCol("user").setItemCol("item");
        List<Row> ids = Arrays.stream(rows).mapToObj(r -> RowFactory.create(users.id(r))).toList();
        Dataset<Row> subset = spark.createDataFrame(ids, new StructType().add("user", DataTypes.IntegerType));
        return Timing.measure(1, runs, () -> {
            List<Row> result = model.recommendForUserSubset(subset, n).collectAsList();
            if (result.size() != rows.length) {
                throw new IllegalStateException("Spark returned " + result.size() + " users for " + rows.length);
            }
        }).wallSeconds();
    }

    private static Dataset<Row> frame(SparkSession spark, FactorMatrix factors) {
        List<Row> rows = new ArrayList<>(factors.size());
        for (int r = 0; r < factors.size(); r++) {
            List<Float> features = new ArrayList<>(factors.rank());
            for (float value : factors.row(r)) {
                features.add(value);
            }
            rows.add(RowFactory.create(factors.id(r), features));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false));
        return spark.createDataFrame(rows, schema).cache();
    }

    private static FactorMatrix gaussian(int rows, int rank, long seed) {
        Random random = new Random(seed);
        int[] ids = new int[rows];
        float[] values = new float[rows * rank];
        for (int r = 0; r < rows; r++) {
            ids[r] = r;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.3);
        }
        return new FactorMatrix(rank, ids, values);
    }

    /** {@code perUser} distinct random items for every user. */
    private static SeenItems seen(FactorMatrix users, FactorMatrix items, int perUser, long seed) {
        Random random = new Random(seed);
        int[] offsets = new int[users.size() + 1];
        int[] itemIds = new int[users.size() * perUser];
        for (int u = 0; u < users.size(); u++) {
            int[] picked = random.ints(0, items.size()).distinct().limit(perUser).map(items::id).sorted().toArray();
            System.arraycopy(picked, 0, itemIds, u * perUser, perUser);
            offsets[u + 1] = (u + 1) * perUser;
        }
        return new SeenItems(users.ids(), offsets, itemIds);
    }

    /** {@code count} user rows spread over all users. */
    private static int[] spread(int count, int users) {
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = (int) ((long) i * users / count + (i * 7919L) % Math.max(1, users / count)) % users;
        }
        return rows;
    }
}
