package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.availability.AvailabilityFile;
import io.freshet.availability.ItemAvailability;
import io.freshet.cli.ExitCode;
import io.freshet.store.ModelStore;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code transform} and {@code stream} give the same records for the same events and model: transform run
 * in-process as a user runs it, the stream as bin/predictor runs it (its own JVM, local[2]) on a directory
 * source and sink (docs/events.md).
 */
class TransformStreamParityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    /**
     * Every kind of event and record: recommendations, fallback, pairs, pair errors, blank lines, malformed events,
     * similar items, rules (on a known and an unknown user, and on similar items), an unknown item's similar items
     * and a malformed rules list (both error records).
     */
    private static List<String> events() {
        List<String> events = new ArrayList<>(List.of("1", "2,3", "{\"id\":\"e-3\",\"user\":4}", "{\"uid\":5,\"item\":6}",
                "{\"id\":7,\"user\":999999}", "8,999999", "999999,1", "", "  9  ", "10,11\r", "{\"user\":\"abc\"}",
                "1,2,3,4", "not json {", "{\"user\":1,\"uid\":2}", "{\"item\":3}", "{\"item\":999999}",
                "{\"id\":\"s\",\"item\":7,\"n\":3,\"exclude\":[1,2],\"include\":[1,2,3,4,5,6,7,8,9]}",
                "{\"user\":4,\"exclude\":[1,2,3],\"include\":[1,2,3,4,5,6,7,8,9,10]}", "{\"user\":999999,\"exclude\":[1]}",
                "{\"user\":1,\"include\":\"x\"}", "{\"id\":\"tail\",\"user\":12}"));
        for (int i = 0; i < 40; i++) {
            events.add("{\"item\":" + (i + 1) + "}");
        }
        for (int i = 0; i < 400; i++) {
            events.add(i % 3 == 0 ? (i % 80 + 1) + "," + (i % 40 + 1) : "{\"id\":\"b" + i + "\",\"user\":" + (i % 90 + 1) + "}");
        }
        return events;
    }

    @Test
    void streamOnADirectoryWritesExactlyWhatTransformPrints() throws Exception {
        Path store = dir.resolve("store");
        ModelStore modelStore = ModelStore.open(store.toString(), new Configuration());
        ModelFixtures.publishCurrent(modelStore, ModelFixtures.random(80, 40, 6, 5, 21));
        Set<Integer> denied = Set.of(2, 5, 11, 17, 23, 29, 31, 37); // item availability: both apply it the same way
        modelStore.publishAvailability(AvailabilityFile.write(ItemAvailability.Mode.DENY,
                denied.stream().mapToInt(Integer::intValue).toArray()));
        Path events = Files.write(dir.resolve("events.txt"), events());

        CliRun transform = CliRun.predictor("transform", "--store", store.toString(), "--input", events.toString(),
                "--top", "5");
        assertEquals(ExitCode.BAD_INPUT, transform.code(), "malformed events make transform exit 3: " + transform);
        List<String> records = transform.outLines();
        List<String> errors = transform.errLines();
        assertEquals(6, errors.size(), transform.err());
        assertTrue(errors.stream().anyMatch(e -> e.contains("unknown item 999999: version ")), transform.err());

        DirStream.Written stream = DirStream.run(dir, store, events, records.size() + errors.size(), "--top", "5");
        assertEquals(records, stream.outputs(), "output records, in input order");
        assertEquals(errors, stream.errors(), "error records, in input order");
        assertTrue(records.stream().anyMatch(r -> r.contains("\"fallback\":\"popular\"")), "covers the fallback");
        assertEquals(42, records.stream().filter(r -> r.contains("\"similar\":[")).count(), "covers similar items");
        for (String record : records) {
            JsonNode list = JSON.readTree(record).has("similar") ? JSON.readTree(record).get("similar")
                    : JSON.readTree(record).get("items");
            for (int i = 0; list != null && i < list.size(); i++) {
                assertFalse(denied.contains(list.get(i).get("item").asInt()), "a denied item listed: " + record);
            }
        }
        // A directory source has no receiver, so the batch log counts what the job scored itself.
        Matcher done = Pattern.compile("batch \\d+ done: (\\d+) events, processing \\d+ ms, scheduling delay -?\\d+ ms"
                + ", (\\d+) records, (\\d+) errors, model \\d{8}T\\d{6}Z-[0-9a-f]{6}").matcher(stream.log());
        long[] logged = new long[3];
        while (done.find()) {
            for (int g = 0; g < 3; g++) {
                logged[g] += Long.parseLong(done.group(g + 1));
            }
        }
        assertEquals(List.of((long) records.size() + errors.size(), (long) records.size(), (long) errors.size()),
                List.of(logged[0], logged[1], logged[2]), "events, records and errors in the batch log");
    }
}
