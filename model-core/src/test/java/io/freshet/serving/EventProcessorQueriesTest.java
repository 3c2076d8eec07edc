package io.freshet.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.availability.ItemAvailability;
import io.freshet.scoring.Scorer;
import io.freshet.testing.ModelFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Similar-items requests and request rules through the one scoring path (docs/events.md), against brute-force
 * rankings computed here from the model's factors: 40 users, 60 items, rank 5, 6 seen items per user.
 */
class EventProcessorQueriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "20261130T230000Z-0a1b2c";
    private final ModelArtifact artifact = ModelFixtures.random(40, 60, 5, 6, 21);
    private final ServingModel model = new ServingModel(VERSION, Instant.EPOCH,
            Scorer.create(artifact.users(), artifact.items(), artifact.seen()), artifact.popularItems(),
            artifact.popularCounts());
    private final EventProcessor processor = new EventProcessor(8, true);

    private static JsonNode json(String record) {
        try {
            return JSON.readTree(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] ids(JsonNode list) {
        return IntStream.range(0, list.size()).map(i -> list.get(i).get("item").asInt()).toArray();
    }

    private static double[] scores(JsonNode list) {
        return IntStream.range(0, list.size()).mapToDouble(i -> list.get(i).get("score").asDouble()).toArray();
    }

    /** Item ids by descending score then ascending id, those {@code allowed} passes, at most {@code n}. */
    private int[] ranking(double[] byRow, IntPredicate allowed, int n) {
        FactorMatrix items = artifact.items();
        return IntStream.range(0, items.size()).filter(r -> allowed.test(items.id(r))).boxed()
                .sorted(Comparator.<Integer>comparingDouble(r -> -byRow[r]).thenComparingInt(items::id))
                .limit(n).mapToInt(items::id).toArray();
    }

    private double[] dots(float[] query) {
        FactorMatrix items = artifact.items();
        double[] scores = new double[items.size()];
        for (int r = 0; r < items.size(); r++) {
            float[] y = items.row(r);
            for (int f = 0; f < y.length; f++) {
                scores[r] += (double) query[f] * y[f];
            }
        }
        return scores;
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    /** Cosine of every item with the item {@code item}. */
    private double[] cosines(int item) {
        FactorMatrix items = artifact.items();
        float[] query = items.row(items.rowOf(item));
        double[] dots = dots(query);
        for (int r = 0; r < items.size(); r++) {
            dots[r] /= norm(query) * norm(items.row(r));
        }
        return dots;
    }

    private int[] seen(int user) {
        return artifact.seen().itemsOf(user);
    }

    private static boolean contains(int[] values, int value) {
        return Arrays.stream(values).anyMatch(v -> v == value);
    }

    private static String list(int[] ids) {
        return Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void similarItemsEqualABruteForceCosineRankingWithoutTheItemAndNameTheVersion() {
        for (int item : new int[] {1, 17, 60}) {
            EventProcessor.Result r = processor.process(model, List.of("{\"id\":\"s" + item + "\",\"item\":" + item
                    + "}", "{\"item\":" + item + ",\"n\":3}"));
            assertEquals(List.of(), r.errors());
            JsonNode full = json(r.outputJson().get(0));
            assertEquals("s" + item, full.get("id").asText());
            assertEquals(item, full.get("item").asInt());
            assertEquals(VERSION, full.get("model").asText());
            assertFalse(full.has("user"));
            double[] cosines = cosines(item);
            int[] expected = ranking(cosines, id -> id != item, 8);
            assertArrayEquals(expected, ids(full.get("similar")), "item " + item);
            double[] got = scores(full.get("similar"));
            for (int k = 0; k < expected.length; k++) {
                assertEquals(cosines[artifact.items().rowOf(expected[k])], got[k], 1e-5);
            }
            assertArrayEquals(Arrays.copyOf(expected, 3), ids(json(r.outputJson().get(1)).get("similar")), "n=3");
            assertEquals(Integer.toString(item), r.outputs().get(0).key(), "keyed by the item");
        }
    }

    @Test
    void similarItemsObeyTheRequestsRulesAndStayNLong() {
        int item = 5;
        double[] cosines = cosines(item);
        int[] best = ranking(cosines, id -> id != item, 10);
        int[] exclude = Arrays.copyOf(best, 6);
        int[] include = IntStream.rangeClosed(1, 60).filter(i -> i % 3 != 0).toArray();
        String out = processor.process(model, List.of("{\"item\":5,\"n\":10,\"exclude\":" + list(exclude)
                + ",\"include\":" + list(include) + "}")).outputJson().get(0);
        int[] expected = ranking(cosines, id -> id != item && !contains(exclude, id) && id % 3 != 0, 10);
        assertEquals(10, expected.length);
        assertArrayEquals(expected, ids(json(out).get("similar")), out);
    }

    @Test
    void aUsersRulesApplyInsideTheScanSoTheListIsStillNLong() {
        int user = 7;
        double[] dots = dots(artifact.users().row(artifact.users().rowOf(user)));
        int[] unfiltered = ranking(dots, id -> !contains(seen(user), id), 8);
        int[] exclude = Arrays.copyOf(unfiltered, 5);
        int[] include = IntStream.rangeClosed(1, 60).filter(i -> i % 2 == 1).toArray();
        List<String> out = processor.process(model, List.of(
                "{\"user\":7,\"exclude\":" + list(exclude) + "}",
                "{\"user\":7,\"include\":" + list(include) + "}",
                "{\"user\":7,\"exclude\":" + list(exclude) + ",\"include\":" + list(include) + "}",
                "{\"user\":7,\"include\":[]}",
                "7")).outputJson();
        IntPredicate unseen = id -> !contains(seen(user), id);
        int[][] expected = {
            ranking(dots, unseen.and(id -> !contains(exclude, id)), 8),
            ranking(dots, unseen.and(id -> id % 2 == 1), 8),
            ranking(dots, unseen.and(id -> id % 2 == 1 && !contains(exclude, id)), 8),
            {},
            unfiltered,
        };
        for (int e = 0; e < expected.length; e++) {
            JsonNode record = json(out.get(e));
            assertArrayEquals(expected[e], ids(record.get("items")), out.get(e));
            assertEquals(VERSION, record.get("model").asText());
        }
        assertEquals(8, expected[2].length, "enough items pass for a full list");
    }

    @Test
    void anUnknownUsersPopularListObeysTheRules() {
        int[] popular = artifact.popularItems();
        String out = processor.process(model, List.of("{\"user\":4000,\"exclude\":[" + popular[0] + "," + popular[3]
                + "]}")).outputJson().get(0);
        JsonNode record = json(out);
        assertEquals("popular", record.get("fallback").asText());
        assertArrayEquals(new int[] {popular[1], popular[2], popular[4], popular[5], popular[6], popular[7],
            popular[8], popular[9]}, ids(record.get("items")), out);
        assertEquals(artifact.popularCounts()[1], record.get("items").get(0).get("count").asInt());
        String included = processor.process(model, List.of("{\"user\":4000,\"include\":[" + popular[9] + ","
                + popular[2] + "]}")).outputJson().get(0);
        assertArrayEquals(new int[] {popular[2], popular[9]}, ids(json(included).get("items")), included);
    }

    @Test
    void anUnknownItemAndMalformedRulesAreErrorRecordsAndNothingIsDropped() {
        List<String> events = List.of("{\"item\":999}", "{\"user\":3,\"exclude\":7}", "{\"id\":\"ok\",\"item\":2}",
                "{\"user\":3,\"include\":[\"x\"]}", "{\"user\":3,\"item\":4,\"exclude\":[1]}", "3",
                "{\"item\":2,\"n\":0}");
        EventProcessor.Result r = processor.process(model, events);
        assertEquals(2, r.outputs().size(), r.outputJson().toString());
        assertEquals("ok", json(r.outputJson().get(0)).get("id").asText());
        assertTrue(json(r.outputJson().get(1)).has("items"));
        assertEquals(5, r.errors().size(), r.errors().toString());
        JsonNode unknown = json(r.errors().get(0));
        assertEquals("{\"item\":999}", unknown.get("raw").asText());
        assertEquals("unknown item 999: version " + VERSION + " has no factors for it", unknown.get("error").asText());
        assertEquals(List.of("{\"user\":3,\"exclude\":7}", "{\"user\":3,\"include\":[\"x\"]}",
                "{\"user\":3,\"item\":4,\"exclude\":[1]}", "{\"item\":2,\"n\":0}"),
                r.errors().subList(1, 5).stream().map(e -> json(e).get("raw").asText()).toList());
        assertTrue(json(r.errors().get(1)).get("error").asText().startsWith("field exclude must be a list"));
    }

    @Test
    void manyUsersAndItemsInOneBatchAcrossThreadsEachGetTheirOwnList() {
        List<String> events = IntStream.rangeClosed(1, 40).mapToObj(i -> i % 2 == 0 ? "{\"item\":" + i + "}"
                : "{\"user\":" + i + ",\"exclude\":[" + i + "]}").toList();
        EventProcessor.Result one = processor.process(model, events, 1);
        EventProcessor.Result two = processor.process(model, events, 2);
        assertEquals(one.outputJson(), two.outputJson());
        for (int i = 2; i <= 40; i += 2) {
            int item = i;
            assertArrayEquals(ranking(cosines(item), id -> id != item, 8),
                    ids(json(one.outputJson().get(i - 1)).get("similar")), "item " + i);
        }
    }

    @Test
    void anAvailabilityDenyingTheTopHalfKeepsEveryListNLongWithoutADeniedItemAsABruteForceRanks() {
        int[] topHalf = Arrays.copyOf(artifact.popularItems(), 30);
        ItemAvailability denied = new ItemAvailability("a1", ItemAvailability.Mode.DENY, topHalf);
        IntPredicate available = id -> !contains(topHalf, id);
        List<String> events = new java.util.ArrayList<>();
        for (int user = 1; user <= 40; user++) {
            events.add("{\"user\":" + user + "}");
        }
        for (int item = 1; item <= 60; item++) {
            events.add("{\"item\":" + item + "}");
        }
        events.add("{\"user\":4000}");
        events.add("{\"user\":3,\"exclude\":[40,41,42]}");
        List<String> out = processor.withAvailability(denied).process(model, events, 2).outputJson();
        assertEquals(events.size(), out.size());
        for (int user = 1; user <= 40; user++) {
            int u = user;
            double[] dots = dots(artifact.users().row(artifact.users().rowOf(user)));
            int[] got = ids(json(out.get(user - 1)).get("items"));
            assertEquals(8, got.length, out.get(user - 1));
            assertArrayEquals(ranking(dots, available.and(id -> !contains(seen(u), id)), 8), got, out.get(user - 1));
        }
        for (int item = 1; item <= 60; item++) {
            int i = item;
            int[] got = ids(json(out.get(39 + item)).get("similar"));
            assertArrayEquals(ranking(cosines(item), available.and(id -> id != i), 8), got, out.get(39 + item));
        }
        assertArrayEquals(Arrays.copyOfRange(artifact.popularItems(), 30, 38), ids(json(out.get(100)).get("items")),
                "the popular list skips denied items");
        double[] dots = dots(artifact.users().row(artifact.users().rowOf(3)));
        assertArrayEquals(ranking(dots, available.and(id -> !contains(seen(3), id) && (id < 40 || id > 42)), 8),
                ids(json(out.get(101)).get("items")), "rules and availability together");
    }

    @Test
    void anAllowListIsTheOnlyItemsListed() {
        ItemAvailability allowed = new ItemAvailability("a2", ItemAvailability.Mode.ALLOW, new int[] {2, 4, 6, 8, 10});
        List<String> out = processor.withAvailability(allowed).process(model, List.of("5", "{\"item\":4}",
                "{\"user\":5,\"include\":[1,2,3,4]}")).outputJson();
        double[] dots = dots(artifact.users().row(artifact.users().rowOf(5)));
        assertArrayEquals(ranking(dots, id -> id % 2 == 0 && id <= 10 && !contains(seen(5), id), 8),
                ids(json(out.get(0)).get("items")));
        assertArrayEquals(ranking(cosines(4), id -> id % 2 == 0 && id <= 10 && id != 4, 8),
                ids(json(out.get(1)).get("similar")));
        assertArrayEquals(ranking(dots, id -> (id == 2 || id == 4) && !contains(seen(5), id), 8),
                ids(json(out.get(2)).get("items")));
    }
}
