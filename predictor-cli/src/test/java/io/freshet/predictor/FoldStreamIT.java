package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.artifact.ModelArtifact;
import io.freshet.store.ModelStore;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predictor stream} (its own JVM, local[2], a directory source) folding rating events: a known user's list
 * changes from the batch after the ratings and never holds an item the user rated through the stream; a new user
 * with ratings gets a folded list, not the popular one; the batch log counts the state; and with --checkpoint a
 * restarted stream finds the fold-ins intact.
 */
@Tag("slow")
class FoldStreamIT {
    @TempDir
    Path dir;

    @Test
    void ratingsFoldIntoTheNextBatchesAndSurviveARestartWithACheckpoint() throws Exception {
        Path store = dir.resolve("store");
        ModelArtifact model = ModelFixtures.random(40, 30, 4, 3, 5);
        FoldingFixtures.publishCurrent(ModelStore.open(store.toString(), new Configuration()), model);
        Path checkpoint = dir.resolve("checkpoint");
        Path source = Files.createDirectories(dir.resolve("source"));
        Path out = dir.resolve("out");

        List<Integer> before;
        Set<Integer> rated;
        try (JvmProcess stream = start("first", store, source, out, checkpoint)) {
            DirStream.drop(source, "a", List.of("{\"id\":\"b0\",\"user\":1}"));
            JsonNode first = DirStream.awaitRecord(stream, out, "b0");
            before = items(first);
            // the user rates the two items at the top of the list, and a new user rates three items
            rated = Set.of(before.get(0), before.get(1));
            List<String> ratings = new ArrayList<>();
            for (int item : rated) {
                ratings.add("{\"id\":\"r" + item + "\",\"user\":1,\"item\":" + item + ",\"rating\":5}");
            }
            ratings.add("999,3,5");
            ratings.add("999,4,4.5");
            ratings.add("{\"user\":999,\"item\":5,\"rating\":5,\"time\":1764500000}");
            ratings.add("{\"id\":\"same-batch\",\"user\":1}");
            DirStream.drop(source, "b", ratings);
            JsonNode sameBatch = DirStream.awaitRecord(stream, out, "same-batch");
            assertEquals(before, items(sameBatch), "a rating changes lists from the next batch on, not its own");
            JsonNode ack = DirStream.awaitRecord(stream, out, "r" + before.get(0));
            assertEquals(5.0, ack.get("rating").asDouble());
            assertTrue(ack.get("folded").asBoolean(), ack.toString());

            DirStream.drop(source, "c", List.of("{\"id\":\"b2\",\"user\":1}", "{\"id\":\"n2\",\"user\":999}"));
            List<Integer> after = items(DirStream.awaitRecord(stream, out, "b2"));
            assertNotEquals(before, after, "the folded vector answers");
            assertTrue(after.stream().noneMatch(rated::contains), "no stream-rated item in " + after);
            JsonNode newUser = DirStream.awaitRecord(stream, out, "n2");
            assertFalse(newUser.has("fallback"), "a new user with ratings is folded: " + newUser);
            assertTrue(items(newUser).stream().noneMatch(i -> i == 3 || i == 4 || i == 5), newUser.toString());
            stream.await("the batch log's state", Duration.ofMinutes(1),
                    () -> stream.log().contains("fold-in state 2 users (0 dropped)"));
            stream.terminate();
            assertEquals(0, stream.waitFor(Duration.ofMinutes(1)), stream.tail());
        }

        try (JvmProcess again = start("second", store, source, out, checkpoint)) {
            DirStream.drop(source, "d", List.of("{\"id\":\"b3\",\"user\":1}"));
            List<Integer> restarted = items(DirStream.awaitRecord(again, out, "b3"));
            assertTrue(restarted.stream().noneMatch(rated::contains),
                    "the restarted stream still holds the fold-ins: " + restarted);
            assertTrue(again.log().contains("fold-in state restored from"), again.tail());
            again.terminate();
            assertEquals(0, again.waitFor(Duration.ofMinutes(1)), again.tail());
        }
    }

    private JvmProcess start(String name, Path store, Path source, Path out, Path checkpoint)
            throws InterruptedException {
        List<String> args = List.of("stream", "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--store",
                store.toString(), "--source", "dir:" + source, "--sink", "dir:" + out, "--errors",
                "dir:" + dir.resolve("errors"), "--batch-interval", "1", "--checkpoint", checkpoint.toString(),
                "--top", "5");
        JvmProcess stream = JvmProcess.start("predictor stream " + name, dir.resolve(name + ".log"), Map.of(),
                List.of("-Xmx1g", "-Djava.io.tmpdir=" + dir), ProjectPaths.predictorJar() + ":"
                        + ProjectPaths.sparkClasspath(), "io.freshet.predictor.Main", args);
        stream.await("the stream to start", Duration.ofMinutes(2), () -> stream.log().contains("streaming from dir:"));
        return stream;
    }

    private static List<Integer> items(JsonNode record) {
        List<Integer> items = new ArrayList<>();
        record.get("items").forEach(i -> items.add(i.get("item").asInt()));
        return items;
    }
}
