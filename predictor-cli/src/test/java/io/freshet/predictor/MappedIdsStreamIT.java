package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.availability.AvailabilityFile;
import io.freshet.availability.ItemAvailability;
import io.freshet.cli.ExitCode;
import io.freshet.ids.IdDictionary;
import io.freshet.ids.Ids;
import io.freshet.store.ModelStore;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version of string ids (format 2) served by {@code transform} and by {@code stream} as bin/predictor runs it, the
 * model broadcast whole and joined per batch (docs/events.md, "Ids"): the same records from all three, every id in
 * them one of the dictionaries' (or echoed from the event), string ids in availability files and rules obeyed.
 */
class MappedIdsStreamIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private static String user(int k) {
        return String.format(Locale.ROOT, "user/%03d", k);
    }

    private static String item(int k) {
        return String.format(Locale.ROOT, "sku \"%03d\"", k); // a space and quotes: JSON escapes them
    }

    @Test
    void transformAndBothStreamPlacementsAnswerInTheInputsIds() throws Exception {
        Path store = dir.resolve("store");
        ModelStore modelStore = ModelStore.open(store.toString(), new Configuration());
        Ids ids = Ids.of(IdDictionary.ofStrings(IntStream.rangeClosed(0, 80).mapToObj(MappedIdsStreamIT::user).toList()),
                IdDictionary.ofStrings(IntStream.rangeClosed(0, 40).mapToObj(MappedIdsStreamIT::item).toList()));
        modelStore.promote(ModelFixtures.publish(modelStore, ModelFixtures.random(80, 40, 6, 5, 21), ids));
        modelStore.publishAvailability(AvailabilityFile.write(ItemAvailability.Mode.DENY, List.of(item(3), item(9))));
        List<String> events = new ArrayList<>(List.of("{\"user\":\"nobody\"}", "{\"user\":\"user/001\",\"item\":\"zzz\"}",
                "{\"item\":\"" + item(5).replace("\"", "\\\"") + "\",\"n\":4}", "{\"user\":\"" + "x".repeat(300) + "\"}",
                "{\"user\":\"user/002\",\"exclude\":[\"" + item(1).replace("\"", "\\\"") + "\"]}"));
        for (int i = 0; i < 200; i++) {
            events.add("{\"id\":\"e" + i + "\",\"user\":\"" + user(i % 90) + "\"}");
        }
        Path file = Files.write(dir.resolve("events.txt"), events);

        CliRun transform = CliRun.predictor("transform", "--store", store.toString(), "--input", file.toString(),
                "--top", "5");
        assertEquals(ExitCode.BAD_INPUT, transform.code(), transform.toString());
        List<String> records = transform.outLines();
        List<String> errors = transform.errLines();
        assertEquals(1, errors.size(), transform.err());
        assertTrue(errors.get(0).contains("(300 bytes)"), errors.get(0));
        Set<String> users = IntStream.rangeClosed(0, 80).mapToObj(MappedIdsStreamIT::user).collect(Collectors.toSet());
        Set<String> items = IntStream.rangeClosed(0, 40).mapToObj(MappedIdsStreamIT::item).collect(Collectors.toSet());
        int popular = 0;
        for (String record : records) {
            JsonNode r = JSON.readTree(record);
            if (r.has("user") && !r.get("user").asText().equals("nobody") && !r.has("error")) {
                assertTrue(users.contains(r.get("user").asText()) || r.has("fallback"), record);
            }
            JsonNode list = r.has("similar") ? r.get("similar") : r.get("items");
            for (JsonNode i : list == null ? JSON.createArrayNode() : list) {
                assertTrue(i.get("item").isTextual() && items.contains(i.get("item").asText()), record);
                assertTrue(!i.get("item").asText().equals(item(3)) && !i.get("item").asText().equals(item(9)),
                        "denied by the availability file: " + record);
            }
            popular += r.has("fallback") ? 1 : 0;
        }
        assertTrue(popular >= 10, "users 81..89 and nobody are unknown: " + popular);
        assertTrue(records.get(1).contains("\"item\":\"zzz\",\"error\":\"unknown item\""), records.get(1));

        DirStream.Written whole = DirStream.run(dir.resolve("whole"), store, file, records.size() + errors.size(),
                "--top", "5");
        assertEquals(records, whole.outputs(), "whole broadcast: output records in input order");
        assertEquals(errors, whole.errors());
        DirStream.Written joined = DirStream.run(dir.resolve("joined"), store, file, records.size() + errors.size(),
                "--top", "5", "--broadcast-max-mb", "0");
        assertEquals(records.stream().sorted().toList(), joined.outputs().stream().sorted().toList(),
                "joined per batch: the same records (grouped by partition)");
        assertEquals(errors, joined.errors());
    }
}
