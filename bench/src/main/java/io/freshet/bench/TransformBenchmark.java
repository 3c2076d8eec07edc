package io.freshet.bench;

import io.freshet.predictor.Predictor;
import io.freshet.store.ModelStore;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;

/**
 * {@code predictor transform} on 1,000 and on 50,000 user events of a 100k x 20k, rank 10 model: the whole
 * command as a user runs it (load and validate the version, parse, score on all cores, write the records),
 * in one JVM, alternating, several rounds; records go to a writer that discards them. Prints the medians and
 * their difference.
 *
 * <p>Usage: TransformBenchmark [WORKDIR] [ROUNDS, default 5]
 */
public final class TransformBenchmark {
    private TransformBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/transform-bench").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Files.createDirectories(work);
        Path store = work.resolve("store-" + System.nanoTime());
        RandomModel.publishCurrent(ModelStore.open(store.toString(), new Configuration()),
                RandomModel.create(100_000, 20_000, 10, 20, 1));
        Path small = events(work.resolve("events-1k.txt"), 1_000);
        Path large = events(work.resolve("events-50k.txt"), 50_000);
        run(store, small);
        run(store, large); // warm-up
        double[] s = new double[rounds];
        double[] l = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            s[r] = run(store, small);
            l[r] = run(store, large);
            System.out.printf("round %d: 1,000 users %.3f s, 50,000 users %.3f s%n", r + 1, s[r], l[r]);
        }
        double ms = Timing.median(s);
        double ml = Timing.median(l);
        System.out.printf("median: 1,000 users %.3f s, 50,000 users %.3f s, difference %.3f s (target <= 0.5 s)%n",
                ms, ml, ml - ms);
    }

    private static Path events(Path file, int n) throws Exception {
        SplittableRandom rnd = new SplittableRandom(n);
        String[] lines = new String[n];
        Arrays.setAll(lines, i -> Integer.toString(1 + rnd.nextInt(100_000)));
        return Files.write(file, Arrays.asList(lines));
    }

    private static double run(Path store, Path events) {
        CommandLine cmd = Predictor.commandLine();
        cmd.setOut(new PrintWriter(Writer.nullWriter()));
        long t = System.nanoTime();
        int code = cmd.execute("transform", "--store", store.toString(), "--input", events.toString());
        double seconds = (System.nanoTime() - t) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("transform exited " + code);
        }
        return seconds;
    }
}
