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
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * End-to-end throughput of the streaming predictor: real spark-submit on local[2] with 1 s batches, a socket
 * fed by the feeder at a fixed rate, a model of 100k users x 20k items at rank 10, records to a dir: sink.
 * Reads Spark's own batch statistics from the predictor's log (BatchLog) and prints events/s and percentiles
 * of batch processing time and scheduling delay.
 *
 * <p>Usage: StreamBenchmark WORKDIR [RATE events/s, default 20000] [SECONDS, default 120] [RATING SHARES, default 0]
 * <br>RATING SHARES is a comma-separated list of the share of rating events in each run, run one after the other
 * in this process on the same model (it folds): {@code 0,0.2} compares 20% rating events with none.
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
        double[] shares = args.length > 3 ? java.util.Arrays.stream(args[3].split(",")).mapToDouble(Double::parseDouble)
                .toArray() : new double[] {0.0};
        Path root = Path.of(System.getProperty("freshet.project.root", ".")).toAbsolutePath().normalize();
        Files.createDirectories(work);
        List<String> lines = new ArrayList<>();
        long[] p99s = new long[shares.length];
        for (int s = 0; s < shares.length; s++) {
            Path storePath = work.resolve("store-" + System.nanoTime());
            ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
            VersionId v = RandomModel.publishCurrent(store, RandomModel.create(100_000, 20_000, 10, 20, 1), true);
            System.out.printf("run %d: model %s: 100,000 users x 20,000 items, rank 10, folds; feeding %,d events/s "
                    + "(%.0f%% rating events) for %d s (+%d s warm-up)%n", s + 1, v, rate, shares[s] * 100, seconds,
                    WARMUP_SECONDS);
            Path out = work.resolve("out-" + System.nanoTime());
            String log = run(root, work, storePath, out, events(rate, seconds, shares[s]), rate, seconds);
            p99s[s] = report(log, seconds);
            if (shares[s] > 0) {
                reportFolds(out, seconds + WARMUP_SECONDS);
            }
            lines.add(String.format("%.0f%% rating events: p99 %d ms", shares[s] * 100, p99s[s]));
        }
        if (shares.length > 1) {
            System.out.println("side by side: " + String.join("; ", lines) + "; p99 ratio last/first "
                    + String.format("%.2f", p99s[shares.length - 1] / (double) Math.max(1, p99s[0])));
        }
    }

    /** Random requests of known users, and a share of rating events (a random user rates a random item 1-5). */
    private static List<String> events(int rate, int seconds, double ratingShare) {
        SplittableRandom rnd = new SplittableRandom(7);
        int total = rate * (seconds + WARMUP_SECONDS);
        List<String> events = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int user = 1 + rnd.nextInt(100_000);
            events.add(rnd.nextDouble() < ratingShare ? user + "," + (1 + rnd.nextInt(20_000)) + "," + (1 + rnd.nextInt(5))
                    : Integer.toString(user));
        }
        return events;
    }

    /** One predictor run through spark-submit, fed at {@code rate}; returns its log. */
    private static String run(Path root, Path work, Path storePath, Path out, List<String> events, int rate,
                              int seconds) throws Exception {
        Path log = work.resolve("predictor-" + System.nanoTime() + ".log");
        try (Feeder feeder = new Feeder(0, events, rate)) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String line : Files.readAllLines(root.resolve("bin/jvm-options"))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    cmd.add(line.strip());
                }
            }
            String extra = System.getenv("BENCH_PREDICTOR_JVM_OPTS"); // e.g. a JFR recording, for profiling a run
            if (extra != null && !extra.isBlank()) {
                cmd.addAll(List.of(extra.strip().split("\\s+")));
            }
            cmd.addAll(List.of("-Xmx4g", "-cp", Files.readString(root.resolve("predictor-cli/target/classpath.txt")).strip(),
                    "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--class", "io.freshet.predictor.Main",
                    root.resolve("predictor-cli/target/predictor-cli.jar").toString(), "stream", "--store",
                    storePath.toString(), "--source", "socket://127.0.0.1:" + feeder.port(), "--sink",
                    "dir:" + out, "--batch-interval", "1", "--reload-interval", "60"));
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
        return Files.readString(log);
    }

    /** Prints how many rating events the run folded (their acknowledgements in the output), and the rate. */
    private static void reportFolds(Path out, int fedSeconds) throws IOException {
        long acks = 0;
        long folded = 0;
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("batch-")).toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.contains("\"rating\":")) {
                            acks++;
                            if (line.contains("\"folded\":true")) {
                                folded++;
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("rating events acknowledged: %,d, folded: %,d = %,.0f folded ratings/s over the %d s fed%n",
                acks, folded, folded / (double) fedSeconds, fedSeconds);
    }

    /** Prints the run's figures; returns its p99 batch processing time in ms. */
    static long report(String log, int seconds) {
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
        return pct(processing, 99);
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

}
