package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.availability.AvailabilityFile;
import io.freshet.availability.ItemAvailability;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predictor stream} (its own JVM, local[2], a directory source) obeying the store's item availability: the
 * file there at start from the first batch, and a newer file within two availability reload intervals of its
 * publication, with no model swap (docs/store-format.md, "Item availability").
 */
@Tag("slow")
class AvailabilityStreamIT {
    private static final int INTERVAL_SECONDS = 2;

    @TempDir
    Path dir;

    @Test
    void aNewAvailabilityFileIsServedWithinTwoReloadIntervalsWithoutAModelSwap() throws Exception {
        Path storeDir = dir.resolve("store");
        ModelStore store = ModelStore.open(storeDir.toString(), new Configuration());
        VersionId version = ModelFixtures.publishCurrent(store, ModelFixtures.random(40, 30, 4, 3, 5));
        int[] firstHalf = IntStream.rangeClosed(1, 15).toArray();
        int[] secondHalf = IntStream.rangeClosed(16, 30).toArray();
        store.publishAvailability(AvailabilityFile.write(ItemAvailability.Mode.DENY, firstHalf));
        Path source = Files.createDirectories(dir.resolve("source"));
        Path out = dir.resolve("out");
        List<String> args = List.of("stream", "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--store",
                storeDir.toString(), "--source", "dir:" + source, "--sink", "dir:" + out, "--errors",
                "dir:" + dir.resolve("errors"), "--batch-interval", "1", "--top", "5",
                "--availability-reload-interval", String.valueOf(INTERVAL_SECONDS));
        try (JvmProcess stream = JvmProcess.start("predictor stream", dir.resolve("stream.log"), Map.of(),
                List.of("-Xmx1g", "-Djava.io.tmpdir=" + dir), ProjectPaths.predictorJar() + ":"
                        + ProjectPaths.sparkClasspath(), "io.freshet.predictor.Main", args)) {
            stream.await("the stream to start", Duration.ofMinutes(2), () -> stream.log().contains("streaming from dir:"));
            DirStream.drop(source, "a", List.of("{\"id\":\"u1\",\"user\":1}", "{\"id\":\"s1\",\"item\":20}",
                    "{\"id\":\"p1\",\"user\":4000}"));
            for (String id : List.of("u1", "s1", "p1")) {
                JsonNode record = DirStream.awaitRecord(stream, out, id);
                assertEquals(version.value(), record.get("model").asText());
                List<Integer> items = items(record);
                assertEquals(5, items.size(), record.toString());
                assertTrue(items.stream().allMatch(i -> i > 15), "the first file denies items 1-15: " + record);
            }

            VersionId next = store.publishAvailability(AvailabilityFile.write(ItemAvailability.Mode.DENY, secondHalf));
            stream.await("the new availability file served", Duration.ofSeconds(2L * INTERVAL_SECONDS),
                    () -> stream.log().contains("-> availability " + next.value()));
            DirStream.drop(source, "b", List.of("{\"id\":\"u2\",\"user\":1}", "{\"id\":\"s2\",\"item\":3}",
                    "{\"id\":\"p2\",\"user\":4000}"));
            for (String id : List.of("u2", "s2", "p2")) {
                JsonNode record = DirStream.awaitRecord(stream, out, id);
                assertEquals(version.value(), record.get("model").asText(), "the same model serves");
                List<Integer> items = items(record);
                assertEquals(5, items.size(), record.toString());
                assertTrue(items.stream().allMatch(i -> i <= 15), "the new file denies items 16-30: " + record);
            }
            assertEquals(1, count(stream.log(), "model swap: "), "no model swap after the first load");
            stream.terminate();
            assertEquals(0, stream.waitFor(Duration.ofMinutes(1)), stream.tail());
        }
    }

    private static List<Integer> items(JsonNode record) {
        List<Integer> items = new ArrayList<>();
        record.get(record.has("similar") ? "similar" : "items").forEach(i -> items.add(i.get("item").asInt()));
        return items;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
