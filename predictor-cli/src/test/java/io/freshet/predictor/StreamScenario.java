package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.artifact.ModelArtifact;
import io.freshet.predictor.feed.Feeder;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The predictor's acceptance scenario, for any master: spark-submit the stream on a socket fed by the feeder,
 * publish a new version mid-stream, SIGTERM once every event has been received, then check that records after
 * the swap carry the new id, that every event id appears exactly once in the output or the error output, and
 * that the process exited 0.
 */
final class StreamScenario {
    static final int EVENTS = 3000;
    private static final Pattern SUBMITTED = Pattern.compile("batch \\d+ submitted: (\\d+) events");

    private StreamScenario() {
    }

    static List<String> events() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String id = "e" + i;
            if (i % 97 == 5) {
                events.add("{\"id\":\"" + id + "\",\"user\":\"not-a-number\"}");
            } else if (i % 10 == 3) {
                events.add("{\"id\":\"" + id + "\",\"user\":" + (i % 200 + 1) + ",\"item\":" + (i % 100 + 1) + "}");
            } else if (i % 50 == 7) {
                events.add("{\"id\":\"" + id + "\",\"user\":" + (100000 + i) + "}");
            } else {
                events.add("{\"id\":\"" + id + "\",\"user\":" + (i % 200 + 1) + "}");
            }
        }
        return events;
    }

    static long receivedEvents(String log) {
        Matcher m = SUBMITTED.matcher(log);
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    static void run(Path dir, List<String> submitArgs, Map<String, String> env) throws Exception {
        Path storePath = dir.resolve("store");
        ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
        ModelArtifact a = ModelFixtures.random(200, 100, 6, 5, 1);
        ModelArtifact b = ModelFixtures.random(200, 100, 6, 5, 2);
        VersionId v1 = ModelFixtures.publishCurrent(store, a);
        Path out = dir.resolve("out");
        Path errors = dir.resolve("errors");
        List<String> events = events();
        try (Feeder feeder = new Feeder(0, events, 250);
             JvmProcess job = JvmProcess.sparkSubmit(dir.resolve("predictor.log"), env, submitArgs, List.of("stream",
                     "--store", storePath.toString(), "--source", "socket://127.0.0.1:" + feeder.port(),
                     "--sink", "dir:" + out, "--errors", "dir:" + errors, "--batch-interval", "1",
                     "--reload-interval", "1", "--top", "5"))) {
            job.await("records of " + v1, Duration.ofMinutes(3),
                    () -> StreamOutputs.read(out).stream().anyMatch(r -> r.get("model").asText().equals(v1.value())));
            VersionId v2 = ModelFixtures.publishCurrent(store, b);
            job.await("records of " + v2, Duration.ofMinutes(2),
                    () -> StreamOutputs.read(out).stream().anyMatch(r -> r.get("model").asText().equals(v2.value())));
            assertTrue(feeder.awaitSent(2, java.util.concurrent.TimeUnit.MINUTES), "feeder sent everything");
            job.await("all events received", Duration.ofMinutes(2), () -> receivedEvents(job.log()) >= EVENTS);
            job.terminate();
            assertEquals(0, job.waitFor(Duration.ofMinutes(2)), job.tail());

            List<JsonNode> outputs = StreamOutputs.read(out);
            List<JsonNode> errs = StreamOutputs.read(errors);
            Map<String, Integer> seen = new HashMap<>();
            outputs.forEach(r -> seen.merge(StreamOutputs.id(r), 1, Integer::sum));
            errs.forEach(r -> seen.merge(StreamOutputs.id(r), 1, Integer::sum));
            for (int i = 0; i < EVENTS; i++) {
                assertEquals(1, seen.getOrDefault("e" + i, 0), "event e" + i + " appears exactly once");
            }
            assertEquals(EVENTS, outputs.size() + errs.size());
            assertEquals(events.stream().filter(e -> e.contains("not-a-number")).count(), errs.size());

            // Records are written in batch order: once the new version appears, no record carries the old one.
            int firstNew = -1;
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i).get("model").asText().equals(v2.value())) {
                    firstNew = i;
                    break;
                }
            }
            for (int i = firstNew; i < outputs.size(); i++) {
                assertEquals(v2.value(), outputs.get(i).get("model").asText(), "record " + i + " after the swap");
            }
            assertTrue(job.log().contains("model swap: " + v1 + " -> " + v2), "one log line per swap");
        }
    }
}
