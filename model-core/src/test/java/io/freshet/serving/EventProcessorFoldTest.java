package io.freshet.serving;

import static io.freshet.fold.NormalEquations.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.artifact.SeenItems;
import io.freshet.artifact.TrainedRatings;
import io.freshet.fold.FoldInSolver;
import io.freshet.fold.FoldLookup;
import io.freshet.fold.FoldSettings;
import io.freshet.fold.FoldedUser;
import io.freshet.fold.Folding;
import io.freshet.fold.NewUserPolicy;
import io.freshet.fold.NormalEquations;
import io.freshet.scoring.Scorer;
import io.freshet.testing.ModelFixtures;
import io.freshet.testing.QuietNetlib;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EventProcessor with fold-in state (docs/events.md, "Fold-in"): a hand-built version of 10 users and 30 items
 * (rank 4) that folds with explicit ALS, its trained ratings being each user's seen items. A test plays the
 * engine: it hands each batch the state as a map and stores {@code Result.folded()} after.
 */
class EventProcessorFoldTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FoldSettings EXPLICIT = new FoldSettings(false, 1.0, 0.1, 0.0);
    private static final int UNKNOWN_ITEM = 999;
    private static final int NEW_USER = 500;

    private final ModelArtifact artifact = ModelFixtures.random(10, 30, 4, 5, 11);
    private final ServingModel v1 = model("v1", artifact);
    private final Map<Integer, FoldedUser> state = new HashMap<>();

    @BeforeAll
    static void quiet() {
        QuietNetlib.install();
    }

    /** A version's training rating of an item by a user: 1 to 5. */
    private static float trainedRating(int user, int item) {
        return 1 + (item * 7 + user) % 5;
    }

    private static TrainedRatings trained(SeenItems seen) {
        float[] values = new float[seen.itemIds().length];
        for (int u = 0; u < seen.users(); u++) {
            for (int i = seen.offsets()[u]; i < seen.offsets()[u + 1]; i++) {
                values[i] = trainedRating(seen.userIds()[u], seen.itemIds()[i]);
            }
        }
        return new TrainedRatings(seen.userIds(), seen.offsets(), seen.itemIds(), values);
    }

    private static ServingModel model(String version, ModelArtifact a) {
        Folding folding = new Folding(version, a.items(), FoldInSolver.of(a.items(), EXPLICIT), trained(a.seen()));
        return new ServingModel(version, Instant.EPOCH, Scorer.create(a.users(), a.items(), a.seen()), a.popularItems(),
                a.popularCounts(), folding);
    }

    /** One batch as an engine runs it: the state as the batch began, the batch's changes stored after. */
    private EventProcessor.Result batch(EventProcessor processor, ServingModel model, long time, String... events) {
        EventProcessor.Result result = processor.process(model, state::get, List.of(events), 1, time);
        for (FoldedUser user : result.folded()) {
            state.put(user.user(), user);
        }
        return result;
    }

    private static JsonNode json(String record) {
        try {
            return JSON.readTree(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] items(String record) {
        JsonNode items = json(record).get("items");
        return IntStream.range(0, items.size()).map(i -> items.get(i).get("item").asInt()).toArray();
    }

    private static double[] scores(String record) {
        JsonNode items = json(record).get("items");
        return IntStream.range(0, items.size()).mapToDouble(i -> items.get(i).get("score").asDouble()).toArray();
    }

    private static boolean contains(int[] values, int value) {
        return Arrays.stream(values).anyMatch(v -> v == value);
    }

    /** The reference list: dot (double) plus bonus by item id, excluded items left out, score down then id up. */
    private static Map<Integer, Double> bruteForce(FactorMatrix items, float[] vector, int[] excluded,
                                                   IntToDoubleFunction bonus, int n) {
        List<Integer> rows = new ArrayList<>();
        double[] scores = new double[items.size()];
        for (int r = 0; r < items.size(); r++) {
            float[] y = items.row(r);
            double dot = 0;
            for (int f = 0; f < y.length; f++) {
                dot += (double) vector[f] * y[f];
            }
            scores[r] = dot + bonus.applyAsDouble(items.id(r));
            if (!contains(excluded, items.id(r))) {
                rows.add(r);
            }
        }
        rows.sort(Comparator.<Integer>comparingDouble(r -> -scores[r]).thenComparingInt(items::id));
        Map<Integer, Double> top = new java.util.LinkedHashMap<>();
        rows.stream().limit(n).forEach(r -> top.put(items.id(r), scores[r]));
        return top;
    }

    private static void assertList(Map<Integer, Double> expected, String record) {
        assertArrayEquals(expected.keySet().stream().mapToInt(Integer::intValue).toArray(), items(record), record);
        double[] actual = scores(record);
        int i = 0;
        for (double score : expected.values()) {
            assertEquals(score, actual[i++], 1e-5, record);
        }
    }

    private static int[] union(int[] a, int... b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray();
    }

    /** Training ratings of {@code user} in {@code a} plus {@code extra} (item, rating) pairs, for the reference. */
    private static Map<Integer, Double> ratingsOf(ModelArtifact a, int user, Object... extra) {
        Map<Integer, Double> ratings = new TreeMap<>();
        for (int item : a.seen().itemsOf(user)) {
            ratings.put(item, (double) trainedRating(user, item));
        }
        for (int i = 0; i < extra.length; i += 2) {
            ratings.put((Integer) extra[i], ((Number) extra[i + 1]).doubleValue());
        }
        return ratings;
    }

    @Test
    void everyRatingEventGetsOneAcknowledgementInInputOrder() {
        EventProcessor.Result r = batch(new EventProcessor(5, true), v1, 1000L, "1", "1,5,4.5",
                "{\"id\":\"r\",\"user\":2,\"item\":6,\"rating\":3}", "bad", "2,6",
                "{\"user\":3,\"item\":7,\"rating\":\"2.5\"}", "{\"user\":3,\"item\":" + UNKNOWN_ITEM + ",\"rating\":1}");
        List<String> out = r.outputJson();
        assertEquals(6, out.size(), out.toString());
        assertTrue(json(out.get(0)).has("items"));
        assertEquals(List.of("{\"user\":1,\"item\":5,\"rating\":4.5,\"folded\":true,\"model\":\"v1\"}",
                "{\"id\":\"r\",\"user\":2,\"item\":6,\"rating\":3.0,\"folded\":true,\"model\":\"v1\"}"),
                out.subList(1, 3));
        assertTrue(json(out.get(3)).has("score"), out.get(3));
        assertEquals("{\"user\":3,\"item\":7,\"rating\":2.5,\"folded\":true,\"model\":\"v1\"}", out.get(4));
        assertEquals("{\"user\":3,\"item\":" + UNKNOWN_ITEM + ",\"rating\":1.0,\"folded\":true,\"model\":\"v1\"}",
                out.get(5));
        assertEquals(1, r.errors().size());
        assertEquals(List.of(1, 2, 3), r.folded().stream().map(FoldedUser::user).sorted().toList());
    }

    @Test
    void aRatingChangesTheUsersListFromTheNextBatchOnAndIsNeverRecommended() {
        EventProcessor processor = new EventProcessor(5, true);
        String before = batch(processor, v1, 1000L, "1").outputJson().get(0);
        int top = items(before)[0];
        List<String> same = batch(processor, v1, 2000L, "1", "1," + top + ",5", "1").outputJson();
        assertArrayEquals(items(before), items(same.get(0)), "same batch: the list as the batch began");
        assertArrayEquals(items(before), items(same.get(2)), "same batch, after the rating: still the old list");

        String after = batch(processor, v1, 3000L, "1").outputJson().get(0);
        FoldedUser folded = state.get(1);
        assertClose(NormalEquations.solve(artifact.items(), EXPLICIT, ratingsOf(artifact, 1, top, 5)),
                folded.vector(), "user 1 folded");
        assertFalse(contains(items(after), top), after);
        assertList(bruteForce(artifact.items(), folded.vector(), union(artifact.seen().itemsOf(1), top), i -> 0, 5),
                after);
        assertEquals(3000L, folded.lastActive());
    }

    @Test
    void streamRatedItemsStayOutOfListsAlsoWithoutSeenExclusion() {
        EventProcessor all = new EventProcessor(30, false);
        int trainedItem = artifact.seen().itemsOf(1)[0];
        int otherTrained = artifact.seen().itemsOf(1)[1];
        int fresh = IntStream.rangeClosed(1, 30).filter(i -> !contains(artifact.seen().itemsOf(1), i)).findFirst()
                .orElseThrow();
        batch(all, v1, 1000L, "1," + trainedItem + ",1", "1," + fresh + ",2");
        String list = batch(all, v1, 2000L, "1").outputJson().get(0);
        assertEquals(28, items(list).length, list);
        assertFalse(contains(items(list), trainedItem), list);
        assertFalse(contains(items(list), fresh), list);
        assertTrue(contains(items(list), otherTrained), "--no-exclude-seen keeps trained seen items: " + list);
        assertList(bruteForce(artifact.items(), state.get(1).vector(), new int[] {trainedItem, fresh}, i -> 0, 30),
                list);
    }

    @Test
    void aBatchYieldsOneStatePerUserWhateverItsRatings() {
        EventProcessor processor = new EventProcessor(5, true);
        EventProcessor.Result r = batch(processor, v1, 1000L, "1,11,5", "1,12,4", "2,11,1", "1", "1,13,3", "1,11,2",
                "4", "2,12,2", "1,14,1", "2,13,5");
        assertEquals(10, r.outputs().size());
        assertEquals(List.of(1, 2), r.folded().stream().map(FoldedUser::user).sorted().toList(),
                "one state each for users 1 and 2; user 4 only asked");
        FoldedUser one = state.get(1);
        assertArrayEquals(new int[] {11, 12, 13, 14}, one.sortedItems());
        assertEquals(2f, one.ratings()[Arrays.binarySearch(one.items(), 11)], "the later rating of item 11");
        assertClose(NormalEquations.solve(artifact.items(), EXPLICIT, ratingsOf(artifact, 1, 11, 2, 12, 4, 13, 3, 14,
                1)), one.vector(), "all four in one solve");
        // a request alone refreshes the user's activity: the state comes back once, touched
        EventProcessor.Result next = batch(processor, v1, 5000L, "1", "1");
        assertEquals(1, next.folded().size());
        assertEquals(5000L, next.folded().get(0).lastActive());
        assertArrayEquals(one.vector(), next.folded().get(0).vector());
    }

    @Test
    void withoutStateRatingsAreAcknowledgedUnfoldedAndChangeNothing() {
        EventProcessor processor = new EventProcessor(5, true);
        String before = processor.process(v1, List.of("1")).outputJson().get(0);
        int top = items(before)[0];
        EventProcessor.Result r = processor.process(v1, FoldLookup.NONE, List.of("1," + top + ",5", "1"), 1, 1000L);
        assertEquals("{\"user\":1,\"item\":" + top + ",\"rating\":5.0,\"folded\":false,\"model\":\"v1\"}",
                r.outputJson().get(0));
        assertEquals(List.of(), r.folded());
        assertEquals(before, processor.process(v1, FoldLookup.NONE, List.of("1"), 1, 2000L).outputJson().get(0));

        // a version that cannot fold: the same, even with a state at hand
        ServingModel noFold = new ServingModel("v0", Instant.EPOCH, v1.scorer(), v1.popularItems(),
                v1.popularCounts());
        EventProcessor.Result plain = batch(processor, noFold, 1000L, "1," + top + ",5");
        assertTrue(plain.outputJson().get(0).contains("\"folded\":false"), plain.outputJson().get(0));
        assertEquals(List.of(), plain.folded());
        assertTrue(state.isEmpty());
    }

    @Test
    void aKnownUserWhoseRatingsCannotBeSolvedKeepsTheTrainedList() {
        // a version without the user's training ratings, and a rating of an item it does not know: no vector
        ServingModel bare = new ServingModel("v1", Instant.EPOCH, v1.scorer(), v1.popularItems(), v1.popularCounts(),
                new Folding("v1", artifact.items(), FoldInSolver.of(artifact.items(), EXPLICIT),
                        TrainedRatings.empty()));
        EventProcessor processor = new EventProcessor(5, true);
        String trainedList = processor.process(bare, List.of("1")).outputJson().get(0);
        batch(processor, bare, 1000L, "1," + UNKNOWN_ITEM + ",5");
        assertEquals(null, state.get(1).vector(), "nothing to solve from");
        String after = batch(processor, bare, 2000L, "1").outputJson().get(0);
        assertEquals(trainedList, after, "the trained list, not the popular one");
    }

    @Test
    void aPairOfAFoldedUserIsScoredWithTheFoldedVector() {
        EventProcessor processor = new EventProcessor(5, true);
        batch(processor, v1, 1000L, "1,9,5", "1,10,1");
        JsonNode pair = json(batch(processor, v1, 2000L, "1,20").outputJson().get(0));
        float[] y = artifact.items().row(artifact.items().rowOf(20));
        float[] x = state.get(1).vector();
        double dot = 0;
        for (int f = 0; f < y.length; f++) {
            dot += (double) x[f] * y[f];
        }
        assertEquals(dot, pair.get("score").asDouble(), 1e-5);
        float trainedScore = v1.scorer().score(v1.scorer().userRow(1), v1.scorer().itemRow(20));
        assertTrue(Math.abs(trainedScore - dot) > 1e-3, "the folded vector scores differently: " + dot);
        assertEquals("unknown item", json(batch(processor, v1, 3000L, "1," + UNKNOWN_ITEM).outputJson().get(0))
                .get("error").asText());
    }

    @Test
    void aNewUserBelowTheMinimumGetsThePopularListWithoutTheRatedItems() {
        EventProcessor processor = new EventProcessor(5, true, new NewUserPolicy(3, 1.0));
        int[] popular = artifact.popularItems();
        // two ratings of known items and one of an item the version does not know: 2 < 3 folded ratings
        batch(processor, v1, 1000L, NEW_USER + "," + popular[0] + ",5", NEW_USER + "," + popular[2] + ",4",
                NEW_USER + "," + UNKNOWN_ITEM + ",5");
        String list = batch(processor, v1, 2000L, String.valueOf(NEW_USER)).outputJson().get(0);
        assertEquals("popular", json(list).get("fallback").asText(), list);
        assertArrayEquals(new int[] {popular[1], popular[3], popular[4], popular[5], popular[6]}, items(list));
        assertEquals(artifact.popularCounts()[1], json(list).get("items").get(0).get("count").asInt());
    }

    @Test
    void aNewUserAtTheMinimumGetsThePlainFoldedListWithoutPopularityWeight() {
        EventProcessor processor = new EventProcessor(5, true, new NewUserPolicy(2, 0.0));
        batch(processor, v1, 1000L, NEW_USER + ",3,5", NEW_USER + ",8,1", NEW_USER + "," + UNKNOWN_ITEM + ",4");
        FoldedUser user = state.get(NEW_USER);
        assertClose(NormalEquations.solve(artifact.items(), EXPLICIT, NormalEquations.rating(3, 5),
                NormalEquations.rating(8, 1)), user.vector(), "new user");
        String list = batch(processor, v1, 2000L, String.valueOf(NEW_USER)).outputJson().get(0);
        assertFalse(json(list).has("fallback"), list);
        assertList(bruteForce(artifact.items(), user.vector(), new int[] {3, 8}, i -> 0, 5), list);
    }

    @Test
    void aNewUserAtTheMinimumGetsTheFoldedListBlendedWithPopularity() {
        double weight = 4.0;
        EventProcessor processor = new EventProcessor(5, true, new NewUserPolicy(2, weight));
        batch(processor, v1, 1000L, NEW_USER + ",3,5", NEW_USER + ",8,1");
        float[] vector = state.get(NEW_USER).vector();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < artifact.popularItems().length; i++) {
            counts.put(artifact.popularItems()[i], artifact.popularCounts()[i]);
        }
        double top = Math.log1p(artifact.popularCounts()[0]);
        Map<Integer, Double> expected = bruteForce(artifact.items(), vector, new int[] {3, 8},
                item -> weight * Math.log1p(counts.getOrDefault(item, 0)) / top, 5);
        assertNotEquals(bruteForce(artifact.items(), vector, new int[] {3, 8}, i -> 0, 5).keySet().stream().toList(),
                expected.keySet().stream().toList(), "the blend must change this list for the test to tell");
        String list = batch(processor, v1, 2000L, String.valueOf(NEW_USER)).outputJson().get(0);
        assertList(expected, list);
    }

    @Test
    void aStateFoldedAgainstAnotherVersionIsReFoldedBeforeItAnswers() {
        EventProcessor processor = new EventProcessor(5, true);
        ModelArtifact next = ModelFixtures.random(10, 30, 4, 5, 12);
        ServingModel v2 = model("v2", next);
        int refitted = Arrays.stream(next.seen().itemsOf(1)).filter(i -> !contains(artifact.seen().itemsOf(1), i))
                .findFirst().orElseThrow(); // v2 was fitted on user 1's rating of it, v1 was not
        int fresh = IntStream.rangeClosed(1, 30).filter(i -> !contains(artifact.seen().itemsOf(1), i)
                && !contains(next.seen().itemsOf(1), i)).findFirst().orElseThrow();
        batch(processor, v1, 1000L, "1," + fresh + ",5", "1," + refitted + ",2");
        assertEquals("v1", state.get(1).version());

        EventProcessor.Result r = batch(processor, v2, 2000L, "1");
        assertEquals(1, r.folded().size());
        FoldedUser refolded = r.folded().get(0);
        assertEquals("v2", refolded.version());
        assertArrayEquals(new int[] {fresh}, refolded.items(), "the rating v2 was fitted on dropped");
        assertClose(NormalEquations.solve(next.items(), EXPLICIT, ratingsOf(next, 1, fresh, 5)), refolded.vector(),
                "re-folded against v2's items and training ratings");
        String list = r.outputJson().get(0);
        assertEquals("v2", json(list).get("model").asText());
        assertList(bruteForce(next.items(), refolded.vector(), union(next.seen().itemsOf(1), fresh), i -> 0, 5), list);
    }

    @Test
    void aFoldedUsersRulesApplyInsideTheScanOfTheFoldedVector() {
        EventProcessor processor = new EventProcessor(5, true);
        batch(processor, v1, 1000L, "1,9,5", "1,10,1");
        float[] vector = state.get(1).vector();
        int[] excluded = union(artifact.seen().itemsOf(1), 9, 10);
        int[] best = bruteForce(artifact.items(), vector, excluded, i -> 0, 3).keySet().stream()
                .mapToInt(Integer::intValue).toArray();
        int[] notCandidates = IntStream.rangeClosed(1, 30).filter(i -> i % 2 == 0).toArray();
        List<String> out = batch(processor, v1, 2000L, "{\"user\":1,\"exclude\":[" + best[0] + "," + best[2] + "]}",
                "{\"user\":1,\"include\":" + Arrays.toString(IntStream.rangeClosed(1, 30).filter(i -> i % 2 == 1)
                        .toArray()).replace(" ", "") + "}").outputJson();
        assertList(bruteForce(artifact.items(), vector, union(excluded, best[0], best[2]), i -> 0, 5), out.get(0));
        assertList(bruteForce(artifact.items(), vector, union(excluded, notCandidates), i -> 0, 5), out.get(1));
        assertEquals(5, items(out.get(1)).length);
    }

    @Test
    void aNewUsersRulesApplyToTheBlendedAndToThePopularList() {
        EventProcessor blended = new EventProcessor(5, true, new NewUserPolicy(2, 4.0));
        batch(blended, v1, 1000L, NEW_USER + ",3,5", NEW_USER + ",8,1");
        String plain = batch(blended, v1, 2000L, String.valueOf(NEW_USER)).outputJson().get(0);
        int[] first = items(plain);
        String ruled = batch(blended, v1, 3000L, "{\"user\":" + NEW_USER + ",\"exclude\":[" + first[0] + ","
                + first[1] + "]}").outputJson().get(0);
        assertEquals(5, items(ruled).length, ruled);
        assertFalse(contains(items(ruled), first[0]) || contains(items(ruled), first[1]), ruled);
        assertArrayEquals(Arrays.copyOfRange(first, 2, 5), Arrays.copyOf(items(ruled), 3),
                "the rest of the blended ranking moves up");

        state.clear();
        EventProcessor below = new EventProcessor(5, true, new NewUserPolicy(3, 1.0));
        int[] popular = artifact.popularItems();
        batch(below, v1, 1000L, NEW_USER + "," + popular[0] + ",5");
        String list = batch(below, v1, 2000L, "{\"user\":" + NEW_USER + ",\"exclude\":[" + popular[2] + "]}")
                .outputJson().get(0);
        assertEquals("popular", json(list).get("fallback").asText(), list);
        assertArrayEquals(new int[] {popular[1], popular[3], popular[4], popular[5], popular[6]}, items(list));
    }
}
