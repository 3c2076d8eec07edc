package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.serving.ModelLoader;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainer fit} with a driver smaller than what the ratings' (user, item) pairs would need on it: real
 * spark-submit of the trainer jar in client mode, its JVM (the driver) given 384 MB ({@code -Xmx}; Spark's own floor of
 * 450 MB is lowered through its reserved-memory setting), on a standalone master and two workers in their own JVMs on
 * loopback. The input is RATINGS
 * ratings of 20 items each, the trainer's defaults otherwise (holdout, evaluation and gate included) with a small rank
 * and few iterations to keep the fit short: 20,000,000 ratings of 1,000,000 users. Before the executors did the
 * per-rating work, the driver kept 517 MB alive for 8,000,000 ratings (docs/performance.md), so this run could not
 * have finished. The version must be
 * published and promoted, hold every user and every distinct pair, and load whole.
 */
@Tag("slow")
class TrainerSmallDriverStandaloneIT {
    private static final int USERS = 1_000_000;
    private static final int PER_USER = 20;
    private static final int ITEMS = 20_000;
    private static final long RATINGS = (long) USERS * PER_USER;
    private static final String DRIVER_HEAP = "384m";
    /**
     * Spark refuses a driver heap under 1.5 times the memory it reserves (300 MiB unless
     * {@code spark.testing.reservedMemory} says otherwise): 128 MiB reserved lets a 384 MB driver start.
     */
    private static final String RESERVED = String.valueOf(128L << 20);

    @TempDir
    Path dir;

    /** The items of user {@code u}: 20 distinct items (997 is prime to 20,000), ascending. */
    private static int[] itemsOf(int u) {
        int[] items = new int[PER_USER];
        for (int k = 0; k < PER_USER; k++) {
            items[k] = 1 + (int) (((long) u * 31 + (long) k * 997) % ITEMS);
        }
        Arrays.sort(items);
        return items;
    }

    private Path writeRatings() throws Exception {
        Path file = dir.resolve("ratings.dat");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder(32);
            for (int u = 1; u <= USERS; u++) {
                for (int item : itemsOf(u)) {
                    // two taste groups, so that the model has something to learn
                    int rating = 1 + ((u % 2 == item % 2) ? 3 + item % 2 : item % 3);
                    line.setLength(0);
                    line.append(u).append("::").append(item).append("::").append(rating).append('\n');
                    out.append(line);
                }
            }
        }
        return file;
    }

    @Test
    void aFitOfManyRatingsSucceedsWithADriverSmallerThanItsPairs() throws Exception {
        Path input = writeRatings();
        Path storePath = dir.resolve("store");
        List<String> fit = new ArrayList<>(List.of("--master", "", "--deploy-mode", "client",
                "--conf", "spark.executor.memory=2g", "--conf", "spark.cores.max=2",
                "--conf", "spark.testing.reservedMemory=" + RESERVED,
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", ProjectPaths.jvmOptions()),
                "--class", "io.freshet.trainer.Main", ProjectPaths.trainerJar().toString(),
                "fit", "--store", storePath.toString(), "--input", input.toString(), "--rank", "4", "--iterations", "3"));
        try (StandaloneCluster cluster = StandaloneCluster.start(dir, 2, 1, "3g")) {
            fit.set(1, cluster.masterUrl());
            try (JvmProcess trainer = JvmProcess.start("spark-submit trainer", dir.resolve("fit.log"), Map.of(),
                    List.of("-Xmx" + DRIVER_HEAP, "-Djava.io.tmpdir=" + dir), ProjectPaths.sparkClasspath(),
                    "org.apache.spark.deploy.SparkSubmit", fit)) {
                int code = trainer.waitFor(Duration.ofMinutes(20));
                assertEquals(0, code, () -> trainer.tail() + "\n" + cluster.logs());
                assertTrue(trainer.log().contains("published version"), trainer.tail());
            }
        }
        ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
        VersionId current = store.current().orElseThrow(() -> new AssertionError("no current version"));
        Manifest m = store.manifest(current);
        assertEquals(RATINGS, m.input().rows());
        assertEquals(USERS, m.input().users());
        assertTrue(m.evaluation().holdoutRatings() > 0, "evaluated on a holdout");
        // 8 bytes a user and 4 an item in seen.bin, around a 32-byte frame: every user, every distinct pair
        assertEquals(32 + 8L * USERS + 4L * RATINGS, m.files().get(ArtifactFiles.SEEN).bytes());
        ModelLoader.Loaded loaded = new ModelLoader(store).loadWithFactors(current);
        for (int u : new int[] {1, 2, 499_999, USERS}) {
            assertArrayEquals(itemsOf(u), loaded.model().scorer().seenItemIds(loaded.model().scorer().userRow(u)),
                    "seen items of user " + u);
        }
    }
}
