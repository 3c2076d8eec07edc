package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.serving.EventProcessor;
import io.freshet.serving.ModelLoader;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A predictor driver whose heap is smaller than a model's user side serves and swaps that model: {@code predictor
 * stream} through real spark-submit in client mode with a 512 MB driver (the spark-submit JVM's {@code -Xmx}; Spark
 * asks at least 450 MB of a driver), on a standalone master and worker in their own JVMs, with {@code
 * --broadcast-max-mb 1}. Each version has 6,000,000 users of rank 16 with 4 seen items each: a user side of
 * 552,000,000 bytes (526 MiB), which the driver never reads
 * (it reads the item side, checked by its chunks) and the executors read and check. The stream scores a file of
 * events with the first version, swaps to the second when the pointer moves and scores the next file with it; every
 * record equals what the whole load of its version scores in this JVM. A few minutes: slow.
 */
@Tag("slow")
class LargeUserSideStandaloneIT {
    private static final int USERS = 6_000_000;
    private static final int ITEMS = 2_000;
    private static final int RANK = 16;
    private static final int SEEN = 4;
    private static final String DRIVER_HEAP = "512m";
    private static final Pattern JOINED = Pattern.compile(
            "version (\\S+): \\d+ bytes, over the broadcast budget of \\d+ bytes: items broadcast, (\\d+) users \\((\\d+) "
                    + "bytes\\) read and checked by the executors");

    @TempDir
    Path dir;

    /** Requests of known users spread over the whole id range (every partition), and pair scores. */
    private static List<String> events(String prefix, int count, long stride) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long user = 1 + (i * stride) % USERS;
            events.add(i % 5 == 4 ? "{\"id\":\"" + prefix + i + "\",\"user\":" + user + ",\"item\":" + (1 + i % ITEMS) + "}"
                    : "{\"id\":\"" + prefix + i + "\",\"user\":" + user + "}");
        }
        return events;
    }

    /** The records the whole load of {@code version} gives for {@code events}, sorted. */
    private static List<String> expected(ModelStore store, VersionId version, List<String> events) {
        EventProcessor.Result result = new EventProcessor(5, true).process(new ModelLoader(store).load(version), events);
        assertEquals(List.of(), result.errors());
        return result.outputJson().stream().sorted().toList();
    }

    private static List<String> recordsOf(Path out, String prefix) {
        return StreamOutputs.lines(out).stream().filter(r -> r.contains("\"id\":\"" + prefix)).sorted().toList();
    }

    @Test
    void aDriverSmallerThanTheUserSideServesAndSwapsTheModel() throws Exception {
        Path storePath = dir.resolve("store");
        ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
        LargeVersion first = new LargeVersion(USERS, ITEMS, RANK, SEEN, 1);
        LargeVersion second = new LargeVersion(USERS, ITEMS, RANK, SEEN, 2);
        long userSide = first.userSideBytes();
        assertTrue(userSide > 512L << 20, "the user side (" + userSide + " bytes) is larger than the driver's heap");
        VersionId v1 = first.publish(store);
        store.promote(v1);
        VersionId v2 = second.publish(store);
        List<String> before = events("a", 400, 9_973);
        List<String> after = events("b", 400, 10_007);
        List<String> expectedBefore = expected(store, v1, before);
        List<String> expectedAfter = expected(store, v2, after);

        Path source = Files.createDirectories(dir.resolve("source"));
        Path out = dir.resolve("out");
        Path errors = dir.resolve("errors");
        try (StandaloneCluster cluster = StandaloneCluster.start(dir, 2, "3g");
             JvmProcess job = JvmProcess.sparkSubmit(dir.resolve("predictor.log"), java.util.Map.of(), DRIVER_HEAP,
                     List.of("--master", cluster.masterUrl(), "--deploy-mode", "client",
                             "--conf", "spark.executor.memory=2g", "--conf", "spark.cores.max=2",
                             "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", ProjectPaths.jvmOptions())),
                     List.of("stream", "--store", storePath.toString(), "--source", "dir:" + source, "--sink", "dir:" + out,
                             "--errors", "dir:" + errors, "--batch-interval", "1", "--reload-interval", "1",
                             "--top", "5", "--broadcast-max-mb", "1", "--no-fold"))) {
            job.await("the stream to start on " + v1, Duration.ofMinutes(5),
                    () -> job.log().contains("streaming from dir:"));
            DirStream.drop(source, "before", before);
            job.await("the records of the first file", Duration.ofMinutes(2),
                    () -> recordsOf(out, "a").size() >= before.size());
            assertEquals(expectedBefore, recordsOf(out, "a"), "records of " + v1);

            store.promote(v2);
            job.await("the swap to " + v2, Duration.ofMinutes(5), () -> job.log().contains("model swap: " + v1 + " -> " + v2));
            DirStream.drop(source, "after", after);
            job.await("the records of the second file", Duration.ofMinutes(2),
                    () -> recordsOf(out, "b").size() >= after.size());
            assertEquals(expectedAfter, recordsOf(out, "b"), "records of " + v2);
            assertEquals(List.of(), StreamOutputs.lines(errors));

            job.terminate();
            assertEquals(0, job.waitFor(Duration.ofMinutes(2)), job.tail());
            String log = job.log();
            for (VersionId v : List.of(v1, v2)) {
                Matcher m = JOINED.matcher(log);
                boolean found = false;
                while (m.find()) {
                    if (m.group(1).equals(v.value())) {
                        assertEquals(String.valueOf(USERS), m.group(2));
                        assertEquals(String.valueOf(userSide), m.group(3));
                        found = true;
                    }
                }
                assertTrue(found, "the users of " + v + " were joined, read and checked by the executors:\n" + log);
            }
            assertTrue(log.contains("the driver read and checked its item side (" + ITEMS + " items)"), log);
        }
    }
}
