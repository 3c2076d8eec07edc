package io.freshet.predictor.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.CorruptVersionException;
import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ModelArtifact;
import io.freshet.predictor.LocalSpark;
import io.freshet.predictor.StoreDamage;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ModelLoader;
import io.freshet.serving.ModelWatcher;
import io.freshet.serving.ServingModel;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The broadcast budget on local Spark: a model over it (items broadcast, users joined from the version's files)
 * gives the same records as the whole broadcast, its cached users leave Spark's storage when the version is
 * replaced and its last batch is done, and a user side the executors cannot read leaves the served model alone.
 */
public class BroadcastBudgetTest {
    private static final int USERS = 300;
    private static final int ITEMS = 120;
    private static final int RANK = 6;
    private static final int SEEN_PER_USER = 5;
    private static JavaSparkContext jsc;

    @TempDir
    Path dir;

    private ModelStore store;

    @BeforeAll
    static void startSpark() {
        jsc = LocalSpark.start(BroadcastBudgetTest.class);
    }

    @AfterAll
    static void stopSpark() {
        jsc.stop();
    }

    @BeforeEach
    void openStore() {
        store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
    }

    private static ModelArtifact model(long seed) {
        return ModelFixtures.random(USERS, ITEMS, RANK, SEEN_PER_USER, seed);
    }

    /**
     * Every kind of event: known users (many repeated, across partitions), an unknown user (popular fallback),
     * pairs, pairs with an unknown item or user, blank lines and malformed events, similar items (of a known and an
     * unknown item) and rules.
     */
    public static List<String> events() {
        List<String> events = new ArrayList<>(List.of("1", "2,3", "{\"id\":\"e-3\",\"user\":4}", "{\"uid\":5,\"item\":6}",
                "{\"id\":7,\"user\":999999}", "8,999999", "999999,1", "", "  9  ", "10,11\r", "{\"user\":\"abc\"}",
                "1,2,3,4", "not json {", "{\"user\":1,\"uid\":2}", "{\"item\":3}", "{\"item\":999999}",
                "{\"item\":5,\"n\":4,\"exclude\":[1,2]}", "{\"user\":4,\"exclude\":[1,2,3],\"include\":[1,2,3,4,5,6,7,8]}",
                "{\"id\":\"tail\",\"user\":300}"));
        for (int i = 0; i < 600; i++) {
            events.add(i % 3 == 0 ? (i % USERS + 1) + "," + (i % ITEMS + 1)
                    : "{\"id\":\"b" + i + "\",\"user\":" + (i * 7 % USERS + 1) + "}");
        }
        return events;
    }

    /** One batch's records, sorted: the paths may order them differently within a batch. */
    private record Records(List<String> outputs, List<String> keyed, List<String> errors) {
    }

    private static Records score(BroadcastModel served, EventProcessor processor) {
        try (BroadcastModel.Lease lease = served.acquire().orElseThrow()) {
            return score(lease, processor);
        }
    }

    private static Records score(BroadcastModel.Lease lease, EventProcessor processor) {
        try (ScoredBatch batch = new ScoredBatch(jsc.parallelize(events(), 3), lease, processor)) {
            return new Records(sorted(batch.outputs().collect()),
                    sorted(batch.keyedOutputs().map(kv -> kv._1() + " " + kv._2()).collect()),
                    sorted(batch.errors().collect()));
        }
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    private BroadcastModel served(long budgetBytes, ServingModel model) {
        BroadcastModel served = new BroadcastModel(jsc, store, budgetBytes);
        served.accept(model);
        return served;
    }

    /** Whether the model {@code served} hands out now has its users joined (the lease is closed again). */
    private static boolean usersJoined(BroadcastModel served) {
        try (BroadcastModel.Lease lease = served.acquire().orElseThrow()) {
            return lease.usersJoined();
        }
    }

    /** The names of the cached user sides in Spark's storage now. */
    private static Set<String> cachedUserSides() {
        Set<String> names = new TreeSet<>();
        for (RDD<?> rdd : CollectionConverters.asJava(jsc.sc().getPersistentRDDs()).values()) {
            if (rdd.name() != null && rdd.name().startsWith("freshet users of ")) {
                names.add(rdd.name().substring("freshet users of ".length()));
            }
        }
        return names;
    }

    @ParameterizedTest(name = "excludeSeen={0}")
    @ValueSource(booleans = {true, false})
    void joinedUsersGiveTheSameRecordsAsTheWholeBroadcast(boolean excludeSeen) {
        VersionId v = ModelFixtures.publishCurrent(store, model(1));
        ServingModel model = new ModelLoader(store).load(v);
        EventProcessor processor = new EventProcessor(5, excludeSeen);
        BroadcastModel whole = served(Long.MAX_VALUE, model);
        BroadcastModel joined = served(0, model);
        try {
            assertFalse(usersJoined(whole), "an unlimited budget broadcasts the whole model");
            assertTrue(usersJoined(joined), "a budget of 0 joins the users");

            Records fromWhole = score(whole, processor);
            Records fromJoined = score(joined, processor);
            assertEquals(fromWhole.outputs(), fromJoined.outputs(), "output records");
            assertEquals(fromWhole.keyed(), fromJoined.keyed(), "output records keyed by user (Kafka)");
            assertEquals(fromWhole.errors(), fromJoined.errors(), "error records");

            EventProcessor.Result direct = processor.process(model, events());
            assertEquals(sorted(direct.outputJson()), fromJoined.outputs(), "records as transform scores them");
            assertEquals(sorted(direct.errors()), fromJoined.errors());
            String all = String.join("\n", fromJoined.outputs());
            for (String kind : List.of("\"fallback\":\"popular\"", "unknown item", "unknown user", "\"score\":",
                    "\"items\":", "\"similar\":")) {
                assertTrue(all.contains(kind), "the events cover " + kind);
            }
            assertEquals(5, fromJoined.errors().size(), String.join("\n", fromJoined.errors()));
            assertTrue(fromJoined.keyed().stream().anyMatch(k -> k.startsWith("3 {\"item\":3,\"similar\":[")),
                    "a similar-items record is keyed by its item");
        } finally {
            whole.close();
            joined.close();
        }
    }

    @Test
    void theBudgetIsTheModelSizeInclusive() {
        VersionId v = ModelFixtures.publishCurrent(store, model(2));
        ServingModel model = new ModelLoader(store).load(v);
        long bytes = (long) (USERS + ITEMS) * (RANK + 1) * Integer.BYTES + (long) USERS * SEEN_PER_USER * Integer.BYTES;
        assertEquals(bytes, ModelPlacement.bytes(model), "factor records of users and items, 4 bytes per seen item");

        BroadcastModel atSize = served(bytes, model);
        BroadcastModel belowSize = served(bytes - 1, model);
        try {
            assertFalse(usersJoined(atSize));
            assertTrue(usersJoined(belowSize));
        } finally {
            atSize.close();
            belowSize.close();
        }
    }

    @Test
    void theCachedUsersOfAReplacedVersionStayUntilItsLastBatchEndsThenLeave() {
        BroadcastModel served = new BroadcastModel(jsc, store, 0);
        ModelWatcher watcher = new ModelWatcher(store, served, Clock.systemUTC());
        EventProcessor processor = new EventProcessor(5, true);
        VersionId v1 = ModelFixtures.publishCurrent(store, model(3));
        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        assertEquals(Set.of(v1.value()), cachedUserSides());

        BroadcastModel.Lease running = served.acquire().orElseThrow();
        VersionId v2 = ModelFixtures.publishCurrent(store, model(4));
        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        assertEquals(Set.of(v1.value(), v2.value()), cachedUserSides(), "a batch still holds " + v1);
        assertTrue(score(running, processor).outputs().stream().allMatch(r -> r.contains(v1.value())),
                "the running batch scores with its own version");

        running.close();
        assertEquals(Set.of(v2.value()), cachedUserSides(), "released with the last batch of " + v1);
        assertTrue(score(served, processor).outputs().stream().allMatch(r -> r.contains(v2.value())));

        served.close();
        assertEquals(Set.of(), cachedUserSides(), "released at shutdown");
    }

    @Test
    void aUserSideTheExecutorsCannotReadFailsThePollAndKeepsTheServedVersion() {
        BroadcastModel served = new BroadcastModel(jsc, store, 0);
        VersionId v1 = ModelFixtures.publishCurrent(store, model(5));
        VersionId[] broken = new VersionId[1];
        // The factor file of the broken version is cut short after the driver validated it, before the executors
        // read its users.
        ModelWatcher watcher = new ModelWatcher(store, model -> {
            if (model.version().equals(String.valueOf(broken[0]))) {
                StoreDamage.overwrite(store, broken[0], ArtifactFiles.FACTORS,
                        Arrays.copyOf(StoreDamage.factorBytes(model(6)), 100));
            }
            served.accept(model);
        }, Clock.systemUTC());
        try {
            assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
            broken[0] = ModelFixtures.publishCurrent(store, model(6));

            assertEquals(ModelWatcher.Outcome.FAILED, watcher.pollOnce());
            assertEquals(v1.value(), watcher.served().orElseThrow().version());
            assertEquals(Set.of(v1.value()), cachedUserSides(), "nothing of the failed version stays cached");
            assertTrue(score(served, new EventProcessor(5, true)).outputs().stream()
                    .allMatch(r -> r.contains(v1.value())), "batches keep scoring with " + v1);
        } finally {
            served.close();
        }
    }

    @Test
    void aUserSideTheExecutorsFindCutShortIsACorruptVersionNamingTheVersionAndFile() {
        VersionId v = ModelFixtures.publishCurrent(store, model(7));
        ServingModel loaded = new ModelLoader(store).load(v);
        StoreDamage.overwrite(store, v, ArtifactFiles.FACTORS, Arrays.copyOf(StoreDamage.factorBytes(model(7)), 100));
        BroadcastModel served = new BroadcastModel(jsc, store, 0);

        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> served.accept(loaded));
        assertTrue(e.getMessage().startsWith("version " + v + " file factors.bin: size mismatch"), e.getMessage());
        assertTrue(served.acquire().isEmpty(), "nothing is served");
        assertEquals(Set.of(), cachedUserSides());
    }
}
