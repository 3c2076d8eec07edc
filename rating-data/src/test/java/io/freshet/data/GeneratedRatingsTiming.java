package io.freshet.data;

import io.freshet.testing.LocalSparkExtension;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Run by hand, not a test: times generating 2M synthetic ratings (100k users x 20k items, rank 10) and
 * reading and validating them with the reader on local[2]. Prints the figures; asserts nothing.
 * <pre>
 *   mvn -B -o -q -pl model-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   java $(JVM options from the parent pom) -cp model-core/target/test-classes:model-core/target/classes:$(cat model-core/target/cp.txt) \
 *       io.freshet.data.GeneratedRatingsTiming [workdir]
 * </pre>
 */
public final class GeneratedRatingsTiming {
    private GeneratedRatingsTiming() {
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) : Path.of("."), "timing");
        SyntheticRatings.Spec spec = new SyntheticRatings.Spec(100_000, 20_000, 2_000_000, 10, 1);
        String file = work.resolve("ratings.dat").toString();
        for (int run = 1; run <= 3; run++) {
            String out = file + "." + run;
            long start = System.nanoTime();
            long cpu = cpuNanos();
            SyntheticRatings.write(spec, out, new Configuration());
            System.out.printf("generate run %d: %.2f s (%.2f s CPU), %d bytes%n", run, (System.nanoTime() - start) / 1e9,
                    (cpuNanos() - cpu) / 1e9, Files.size(Path.of(out)));
        }
        SparkSession spark = LocalSparkExtension.start(GeneratedRatingsTiming.class, Map.of());
        try {
            RatingReader reader = new RatingReader(spark);
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                long cpu = cpuNanos();
                RatingData data = reader.read(file + ".1", RatingReadOptions.defaults());
                System.out.printf("read+validate run %d: %.2f s (%.2f s CPU, all threads), %d rows, %d users, %d items, "
                        + "%d partitions%n", run, (System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9,
                        data.rows(), data.users(), data.items(),
                        data.ratings().rdd().getNumPartitions());
                data.ratings().unpersist(true);
            }
        } finally {
            spark.stop();
        }
    }
}
