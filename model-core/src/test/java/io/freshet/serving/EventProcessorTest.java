package io.freshet.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.artifact.ModelArtifact;
import io.freshet.scoring.Scorer;
import io.freshet.scoring.TopN;
import io.freshet.testing.ModelFixtures;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventProcessorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ModelArtifact artifact = ModelFixtures.random(20, 15, 4, 3, 5);
    private final ServingModel model = new ServingModel("20261125T152000Z-3fa9c1", Instant.EPOCH,
            Scorer.create(artifact.users(), artifact.items(), artifact.seen()), artifact.popularItems(),
            artifact.popularCounts());

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void everyEventYieldsExactlyOneRecordInInputOrder() throws Exception {
        List<String> events = List.of("{\"id\":\"a\",\"user\":1}", "bad", "{\"id\":\"c\",\"user\":2,\"item\":3}",
                "", "{\"id\":\"d\",\"user\":999}", "{\"id\":\"e\",\"user\":\"x\"}");
        EventProcessor.Result r = new EventProcessor(5, true).process(model, events);
        assertEquals(List.of("a", "c", "d"), r.outputJson().stream().map(s -> {
            try {
                return json(s).get("id").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList());
        assertEquals(2, r.errors().size());
        assertEquals("bad", json(r.errors().get(0)).get("raw").asText());
        assertTrue(json(r.errors().get(1)).get("raw").asText().contains("\"e\""));
    }

    @Test
    void aNullEventAsAKafkaTombstoneCarriesIsAnErrorRecordNotAFailure() throws Exception {
        List<String> events = new java.util.ArrayList<>(List.of("7"));
        events.add(null);
        EventProcessor.Result r = new EventProcessor(5, true).process(model, events);
        assertEquals(1, r.outputJson().size());
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertTrue(json(r.errors().get(0)).get("error").asText().contains("no value"), r.errors().toString());
    }

    @Test
    void recommendationsMatchTheScorerAndExcludeSeenItems() throws Exception {
        EventProcessor.Result r = new EventProcessor(5, true).process(model, List.of("7"));
        JsonNode rec = json(r.outputJson().get(0));
        TopN expected = model.scorer().topN(new int[] {model.scorer().userRow(7)}, 5, true)[0];
        int[] items = new int[rec.get("items").size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = rec.get("items").get(i).get("item").asInt();
            assertEquals(expected.scores()[i], rec.get("items").get(i).get("score").floatValue(), 0f);
        }
        assertTrue(Arrays.equals(expected.itemIds(), items));
        for (int seen : artifact.seen().itemsOf(7)) {
            assertFalse(Arrays.stream(items).anyMatch(i -> i == seen), "seen item " + seen + " recommended");
        }
        assertEquals(model.version(), rec.get("model").asText());
    }

    @Test
    void seenItemsComeBackWhenExclusionIsOff() throws Exception {
        EventProcessor.Result r = new EventProcessor(15, false).process(model, List.of("7"));
        assertEquals(15, json(r.outputJson().get(0)).get("items").size());
    }

    @Test
    void unknownUserGetsPopularItemsMarkedAsFallback() throws Exception {
        JsonNode rec = json(new EventProcessor(3, true).process(model, List.of("12345")).outputJson().get(0));
        assertEquals("popular", rec.get("fallback").asText());
        assertEquals(artifact.popularItems()[0], rec.get("items").get(0).get("item").asInt());
        assertEquals(3, rec.get("items").size());
    }

    @Test
    void pairsScoreOrCarryAnError() throws Exception {
        List<String> out = new EventProcessor(3, true).process(model, List.of("2,3", "2,999", "999,3")).outputJson();
        assertEquals(model.scorer().score(model.scorer().userRow(2), model.scorer().itemRow(3)),
                json(out.get(0)).get("score").floatValue(), 0f);
        assertEquals("unknown item", json(out.get(1)).get("error").asText());
        assertFalse(json(out.get(1)).has("score"));
        assertEquals("unknown user", json(out.get(2)).get("error").asText());
    }
}
