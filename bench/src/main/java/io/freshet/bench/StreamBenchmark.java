package io.freshet.bench;

import io.freshet.predictor.feed.Feeder;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * End-to-end throughput of the streaming predictor: real spark-submit on local[2] with 1 s batches, a socket
 * fed by the feeder at a fixed rate, a model of 100k users x 20k items at rank 10, records to a dir: sink.
 * Reads Spark's own batch statistics from the predictor's log (BatchLog) and prints events/s and percentiles
 * of batch processing time and scheduling delay.
 *
 * <p>Usage: StreamBenchmark WORKDIR [RATE events/s, default 20000] [SECONDS, default 120]
 */
public final class StreamBenchmark {
    private static final Pattern DONE = Pattern.compile(
            "batch (\\d+) done: (\\d+) events, processing (-?\\d+) ms, scheduling delay (-?\\d+) ms");
    private static final int WARMUP_SECONDS = 15;

    private StreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/stream-bench").toAbsolutePath();
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        Path root = Path.of(System.getProperty("freshet.project.root", ".")).toAbsolutePath().normalize();
        Files.createDirectories(work);
        Path storePath = work.resolve("store-" + System.nanoTime());
        ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
        VersionId v = RandomModel.publishCurrent(store, RandomModel.create(100_000, 20_000, 10, 20, 1));
        System.out.printf("model %s: 100,000 users x 20,000 items, rank 10; feeding %,d events/s for %d s (+%d s warm-up)%n",
                v, rate, seconds, WARMUP_SECONDS);

        SplittableRandom rnd = new SplittableRandom(7);
        int total = rate * (seconds + WARMUP_SECONDS);
        List<String> events = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            events.add(Integer.toString(1 + rnd.nextInt(100_000)));
        }
        Path log = work.resolve("predictor.log");
        try (Feeder feeder = new Feeder(0, events, rate)) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String line : Files.readAllLines(root.resolve("bin/jvm-options"))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    cmd.add(line.strip());
                }
            }
            cmd.addAll(List.of("-Xmx4g", "-cp", Files.readString(root.resolve("predictor-cli/target/classpath.txt")).strip(),
                    "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--class", "io.freshet.predictor.Main",
                    root.resolve("predictor-cli/target/predictor-cli.jar").toString(), "stream", "--store",
                    storePath.toString(), "--source", "socket://127.0.0.1:" + feeder.port(), "--sink",
                    "dir:" + work.resolve("out-" + System.nanoTime()), "--batch-interval", "1", "--reload-interval", "60"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            Process predictor = pb.start();
            try {
                if (!feeder.awaitSent(seconds + WARMUP_SECONDS + 120L, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the feeder did not finish; see " + log);
                }
                TimeUnit.SECONDS.sleep(5);
            } finally {
                predictor.destroy();
                predictor.waitFor(120, TimeUnit.SECONDS);
                predictor.destroyForcibly();
            }
        }
        report(Files.readString(log), seconds);
    }

    static void report(String log, int seconds) {
        List<long[]> batches = new ArrayList<>();
        Matcher m = DONE.matcher(log);
        while (m.find()) {
            batches.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4))});
        }
        if (batches.isEmpty()) {
            throw new IllegalStateException("no batch statistics in the predictor log");
        }
        long first = batches.get(0)[0];
        List<long[]> measured = batches.stream()
                .filter(b -> b[0] >= first + WARMUP_SECONDS * 1000L && b[0] < first + (WARMUP_SECONDS + seconds) * 1000L)
                .toList();
        long events = measured.stream().mapToLong(b -> b[1]).sum();
        long[] processing = measured.stream().mapToLong(b -> b[2]).sorted().toArray();
        long[] delay = measured.stream().mapToLong(b -> b[3]).sorted().toArray();
        System.out.printf("batches measured: %d (after %d s warm-up)%n", measured.size(), WARMUP_SECONDS);
        System.out.printf("events/s sustained: %,.0f%n", events / (double) Math.max(1, measured.size()));
        System.out.printf("batch processing time ms: p50 %d, p99 %d, max %d%n", pct(processing, 50), pct(processing, 99),
                processing[processing.length - 1]);
        System.out.printf("scheduling delay ms: p50 %d, p99 %d, max %d%n", pct(delay, 50), pct(delay, 99),
                delay[delay.length - 1]);
        System.out.println("p99 processing under 1 s: " + (pct(processing, 99) < 1000));
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

}
