package io.freshet.predictor.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.fold.FoldedUser;
import io.freshet.predictor.FoldingFixtures;
import io.freshet.predictor.LocalSpark;
import io.freshet.predictor.executor.BatchRecord;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ModelLoader;
import io.freshet.serving.ServingModel;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * The stream's fold-in state on local Spark: bounded by the idle timeout and by the most users kept (the least
 * recently active dropped first, and counted), the state of a batch current only once committed, and a state
 * saved with a batch restored by a new job from the newest snapshot older than its first batch.
 */
class FoldStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JavaSparkContext jsc;
    private static Broadcast<ServingModel> model;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        jsc = LocalSpark.start(FoldStateTest.class);
        ModelStore store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
        VersionId id = FoldingFixtures.publishCurrent(store, ModelFixtures.random(40, 30, 4, 3, 5));
        model = jsc.broadcast(new ModelLoader(store).load(id));
    }

    @AfterAll
    static void stop() {
        jsc.stop();
    }

    private static final EventProcessor PROCESSOR = new EventProcessor(5, true);

    private static FoldState.Stats batch(FoldState state, long id, long time, List<String> events) {
        FoldState.Batch b = state.score(jsc.parallelize(events, 2), model, PROCESSOR, id, time);
        b.records().count();
        return b.commit();
    }

    @Test
    void theLeastRecentlyActiveUsersGoFirstBeyondTheBoundAndIdleUsersAfterTheTimeout() {
        int partitions = jsc.defaultParallelism();
        FoldState state = new FoldState(jsc, Duration.ofSeconds(60), partitions, null); // one user per partition
        List<String> early = new ArrayList<>();
        for (int u = 1; u <= 6; u++) {
            early.add(u + ",1,5");
        }
        FoldState.Stats first = batch(state, 1, 1_000, early);
        assertTrue(first.users() <= partitions, "at most the bound: " + first);
        assertEquals(6, first.users() + first.evicted(), "every dropped user is counted: " + first);

        FoldState.Stats idle = batch(state, 2, 1_000 + 61_000, List.of("7,1,5"));
        assertEquals(1, idle.users(), "users idle for longer than the timeout are gone: " + idle);
        assertEquals(first.users(), idle.evicted(), idle.toString());
        state.close();
    }

    @Test
    void aRecentRatingKeepsItsUserOverAnOlderOne() throws Exception {
        FoldState state = new FoldState(jsc, Duration.ofDays(1), 1, null);
        batch(state, 1, 1_000, List.of("1,1,5", "2,1,5", "3,1,5"));
        FoldState.Batch b = state.score(jsc.parallelize(List.of("1009,2,5"), 2), model, PROCESSOR, 2, 2_000);
        b.records().count();
        FoldState.Stats stats = b.commit();
        assertTrue(stats.users() >= 1, stats.toString());
        // new user 1009's rating is the newest: a request answers from its fold, without the rated item
        FoldState.Batch ask = state.score(jsc.parallelize(List.of("{\"id\":\"q\",\"user\":1009}"), 2), model, PROCESSOR, 3,
                3_000);
        List<BatchRecord> records = ask.records().collect();
        ask.commit();
        JsonNode answer = JSON.readTree(records.get(0).json());
        assertTrue(!answer.has("fallback"), "user 1009 kept its fold: " + answer);
        answer.get("items").forEach(i -> assertTrue(i.get("item").asInt() != 2, answer.toString()));
        state.close();
    }

    @Test
    void aSwapDestroysTheOldBroadcastAndTheStateGoesOnWithTheNewModel() throws Exception {
        FoldState state = new FoldState(jsc, Duration.ofDays(1), 1000, null);
        Broadcast<ServingModel> first = jsc.broadcast(model.value());
        FoldState.Batch b = state.score(jsc.parallelize(List.of("1007,2,5"), 2), first, PROCESSOR, 1, 1_000);
        b.records().count();
        b.commit();
        first.destroy(); // as BroadcastModel releases a swapped-out version after its last batch
        Broadcast<ServingModel> second = jsc.broadcast(model.value());
        FoldState.Batch next = state.score(jsc.parallelize(List.of("{\"id\":\"q\",\"user\":1007}"), 2), second,
                PROCESSOR, 2, 2_000);
        List<BatchRecord> records = next.records().collect();
        FoldState.Stats stats = next.commit();
        JsonNode answer = JSON.readTree(records.get(0).json());
        assertTrue(!answer.has("fallback"), "the state outlived the old broadcast: " + answer);
        assertEquals(1, stats.users(), stats.toString());
        second.destroy();
        state.close();
    }

    @Test
    void aNewJobRestoresTheNewestSnapshotOlderThanItsFirstBatch() throws Exception {
        String snapshots = dir.resolve("snapshots").toString();
        FoldState first = new FoldState(jsc, Duration.ofDays(1), 1000, snapshots);
        batch(first, 10, 1_000, List.of("1005,2,5"));
        batch(first, 11, 2_000, List.of("1006,2,5"));
        first.close();

        // batch 11 replayed (its offsets were not committed): the state before it is the one of batch 10
        FoldState replay = new FoldState(jsc, Duration.ofDays(1), 1000, snapshots);
        FoldState.Batch b = replay.score(jsc.parallelize(List.of("{\"id\":\"a\",\"user\":1005}", "{\"id\":\"b\",\"user\":1006}"),
                2), model, PROCESSOR, 11, 3_000);
        List<String> json = b.records().map(BatchRecord::json).collect();
        b.abandon();
        JsonNode five = find(json, "a");
        JsonNode six = find(json, "b");
        assertTrue(!five.has("fallback"), "new user 1005's fold (batch 10) restored: " + five);
        assertTrue(six.has("fallback"), "new user 1006's fold (batch 11) is not in the state before batch 11: " + six);
        replay.close();
    }

    @Test
    void aSnapshotWrittenOneRecordPerUserAsEarlierReleasesDidIsRestored() throws Exception {
        Path snapshots = dir.resolve("old-snapshots");
        // folded against another version: the restored state re-folds against the served one
        FoldedUser old = new FoldedUser(1007, new int[] {2}, new float[] {5f}, null, "an-earlier-version", 1_000);
        jsc.parallelize(List.of(new Tuple2<>(1007, old)), 2)
                .saveAsObjectFile(snapshots.resolve(FoldState.SNAPSHOT_PREFIX + 5).toString());
        FoldState restored = new FoldState(jsc, Duration.ofDays(1), 1000, snapshots.toString());
        FoldState.Batch b = restored.score(jsc.parallelize(List.of("{\"id\":\"c\",\"user\":1007}"), 2), model,
                PROCESSOR, 6, 2_000);
        JsonNode seven = find(b.records().map(BatchRecord::json).collect(), "c");
        assertTrue(!seven.has("fallback"), "new user 1007's fold restored from the old snapshot: " + seven);
        seven.get("items").forEach(i -> assertTrue(i.get("item").asInt() != 2, "the rated item is excluded: " + seven));
        assertEquals(1, b.commit().users());
        restored.close();
    }

    private static JsonNode find(List<String> json, String id) throws Exception {
        for (String j : json) {
            JsonNode n = JSON.readTree(j);
            if (n.has("id") && n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no record " + id + " in " + json);
    }
}
