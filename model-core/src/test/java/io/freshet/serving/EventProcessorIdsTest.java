package io.freshet.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.artifact.ModelArtifact;
import io.freshet.availability.ItemAvailability;
import io.freshet.ids.IdDictionary;
import io.freshet.ids.Ids;
import io.freshet.scoring.Scorer;
import io.freshet.testing.ModelFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Events of a version fitted on string or 64-bit ids (docs/events.md, "Ids"): the same model is served once with
 * int ids and once through dictionaries in which index k is user "u0kk" / item "sku-0kk" (or 3000000000 + k); every
 * answer must be the int answer with its ids renamed, and every id written must be one of the dictionary's.
 */
class EventProcessorIdsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USERS = 40;
    private static final int ITEMS = 60;
    private final ModelArtifact artifact = ModelFixtures.random(USERS, ITEMS, 5, 6, 33); // ids 1..n
    private final ServingModel ints = new ServingModel("20261201T050000Z-0a1b2c", Instant.EPOCH,
            Scorer.create(artifact.users(), artifact.items(), artifact.seen()), artifact.popularItems(),
            artifact.popularCounts());
    private final EventProcessor processor = new EventProcessor(6, true);

    private static String user(int k) {
        return String.format(Locale.ROOT, "u%03d", k);
    }

    private static String item(int k) {
        return String.format(Locale.ROOT, "sku-%03d", k);
    }

    private static Ids strings() {
        List<String> users = new ArrayList<>();
        List<String> items = new ArrayList<>();
        IntStream.rangeClosed(0, USERS).forEach(k -> users.add(user(k)));
        IntStream.rangeClosed(0, ITEMS).forEach(k -> items.add(item(k)));
        return Ids.of(IdDictionary.ofStrings(users), IdDictionary.ofStrings(items));
    }

    private static Ids longs() {
        return Ids.of(IdDictionary.ofLongs(LongsFrom.range(USERS)), IdDictionary.ofLongs(LongsFrom.range(ITEMS)));
    }

    /** 3000000000 + k for k = 0..n: ids above every 32-bit int. */
    private static final class LongsFrom {
        static long[] range(int n) {
            return IntStream.rangeClosed(0, n).mapToLong(k -> 3_000_000_000L + k).toArray();
        }
    }

    private static JsonNode json(String record) {
        try {
            return JSON.readTree(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EventProcessor.Result run(ServingModel model, EventProcessor p, String... events) {
        return p.process(model, List.of(events));
    }

    private JsonNode one(ServingModel model, String event) {
        EventProcessor.Result r = run(model, processor, event);
        assertEquals(List.of(), r.errors());
        return json(r.outputs().get(0).json());
    }

    @Test
    void stringIdsAnswerAsTheIntModelDoesWithEveryIdRenamed() {
        ServingModel mapped = ints.withIds(strings());
        for (int u = 1; u <= USERS; u += 7) {
            JsonNode expected = one(ints, "{\"user\":" + u + "}");
            JsonNode got = one(mapped, "{\"user\":\"" + user(u) + "\"}");
            assertEquals(user(u), got.get("user").asText());
            assertTrue(got.get("user").isTextual());
            assertEquals(expected.get("items").size(), got.get("items").size());
            for (int i = 0; i < expected.get("items").size(); i++) {
                assertEquals(item(expected.get("items").get(i).get("item").asInt()),
                        got.get("items").get(i).get("item").asText());
                assertEquals(expected.get("items").get(i).get("score").asDouble(),
                        got.get("items").get(i).get("score").asDouble());
            }
        }
        JsonNode pair = one(mapped, "u007,sku-003");
        assertEquals(one(ints, "7,3").get("score").asDouble(), pair.get("score").asDouble());
        assertEquals("sku-003", pair.get("item").asText());
        JsonNode similar = one(mapped, "{\"item\":\"sku-005\",\"n\":3}");
        JsonNode similarInts = one(ints, "{\"item\":5,\"n\":3}");
        assertEquals("sku-005", similar.get("item").asText());
        for (int i = 0; i < 3; i++) {
            assertEquals(item(similarInts.get("similar").get(i).get("item").asInt()),
                    similar.get("similar").get(i).get("item").asText());
        }
        assertEquals("u007", run(mapped, processor, "{\"user\":\"u007\"}").outputs().get(0).key(), "the Kafka key");
    }

    @Test
    void idsTheDictionaryLacksAreAnsweredLikeUnknownIntIds() {
        ServingModel mapped = ints.withIds(strings());
        JsonNode popular = one(mapped, "{\"user\":\"nobody\"}");
        assertEquals("nobody", popular.get("user").asText());
        assertEquals("popular", popular.get("fallback").asText());
        JsonNode popularInts = one(ints, "{\"user\":999}");
        for (int i = 0; i < popular.get("items").size(); i++) {
            assertEquals(item(popularInts.get("items").get(i).get("item").asInt()),
                    popular.get("items").get(i).get("item").asText());
        }
        JsonNode unknownItem = one(mapped, "{\"user\":\"u007\",\"item\":\"sku-999\"}");
        assertEquals("unknown item", unknownItem.get("error").asText());
        assertEquals("sku-999", unknownItem.get("item").asText());
        EventProcessor.Result similar = run(mapped, processor, "{\"item\":\"sku-999\"}");
        assertTrue(similar.errors().get(0).contains("unknown item sku-999"), similar.errors().toString());
        JsonNode rating = one(mapped, "{\"user\":\"u007\",\"item\":\"sku-003\",\"rating\":4}");
        assertFalse(rating.get("folded").asBoolean(), "a mapped-id version does not fold");
        assertEquals("sku-003", rating.get("item").asText());
    }

    @Test
    void anOverlongOrWronglyTypedIdIsAnErrorRecordAndNothingIsDropped() {
        ServingModel mapped = ints.withIds(strings());
        String longId = "é".repeat(150); // 300 bytes of UTF-8
        EventProcessor.Result r = run(mapped, processor, "{\"user\":\"" + longId + "\"}", "{\"user\":[1]}",
                "{\"user\":\"u001\",\"exclude\":\"sku-001\"}", "{\"user\":\"u001\"}");
        assertEquals(1, r.outputs().size());
        assertEquals(3, r.errors().size());
        assertTrue(r.errors().get(0).contains("field user must be a string id of 1 to 256 bytes of UTF-8, got '")
                && r.errors().get(0).contains("(300 bytes)"), r.errors().get(0));
        assertTrue(r.errors().get(1).contains("field user must be a string id"), r.errors().get(1));
        assertTrue(r.errors().get(2).contains("field exclude must be a list of string item ids"), r.errors().get(2));
        EventProcessor.Result l = run(ints.withIds(longs()), processor, "{\"user\":\"abc\"}");
        assertTrue(l.errors().get(0).contains("field user must be a 64-bit integer id, got 'abc'"), l.errors().get(0));
    }

    @Test
    void rulesAndAvailabilityNameItemsByTheirIds() {
        ServingModel mapped = ints.withIds(strings());
        JsonNode before = one(mapped, "{\"user\":\"u011\"}");
        String first = before.get("items").get(0).get("item").asText();
        String second = before.get("items").get(1).get("item").asText();
        JsonNode excluded = one(mapped, "{\"user\":\"u011\",\"exclude\":[\"" + first + "\",\"not-an-item\"]}");
        assertEquals(before.get("items").size(), excluded.get("items").size(), "still N long");
        assertEquals(second, excluded.get("items").get(0).get("item").asText());
        ItemAvailability deny = ItemAvailability.ofIds("a1", ItemAvailability.Mode.DENY, List.of(second, "zzz"));
        JsonNode denied = json(run(mapped, processor.withAvailability(deny), "{\"user\":\"u011\"}").outputs().get(0)
                .json());
        assertEquals(first, denied.get("items").get(0).get("item").asText());
        for (JsonNode i : denied.get("items")) {
            assertFalse(i.get("item").asText().equals(second), denied.toString());
        }
    }

    @Test
    void sixtyFourBitIdsAreWrittenAsNumbers() {
        ServingModel mapped = ints.withIds(longs());
        JsonNode expected = one(ints, "{\"user\":7}");
        JsonNode got = one(mapped, "{\"user\":3000000007}");
        assertTrue(got.get("user").isIntegralNumber());
        assertEquals(3_000_000_007L, got.get("user").asLong());
        for (int i = 0; i < expected.get("items").size(); i++) {
            assertEquals(3_000_000_000L + expected.get("items").get(i).get("item").asInt(),
                    got.get("items").get(i).get("item").asLong());
        }
        assertEquals(3_000_000_007L, one(mapped, "3000000007").get("user").asLong(), "a plain event");
        assertEquals(3_000_000_007L, one(mapped, "{\"user\":\"3000000007\"}").get("user").asLong());
    }
}
