package io.freshet.predictor.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.predictor.JvmProcess;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka path through real spark-submit and a real broker: events from a topic, recommendations to a topic
 * keyed by user, malformed events to an errors topic; the predictor is SIGKILLed mid-stream, a new version is
 * promoted while it is down, and a restart on the same checkpoint finishes the topic with the new version.
 */
@Tag("slow")
class KafkaPredictorIT {
    private static final int EVENTS = 10_000;
    private static final int MAX_EVENTS_PER_BATCH = 400;
    private static final String EVENTS_TOPIC = "events";
    private static final String RECS_TOPIC = "recs";
    private static final String ERRORS_TOPIC = "errors";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run keeps the broker's and both predictors' logs
    Path dir;

    @Test
    void restartAfterSigkillLosesNoEventDuplicatesAtMostOneBatchAndServesTheNewVersion() throws Exception {
        List<String> ids = IntStream.range(0, EVENTS).mapToObj(i -> "e" + i).toList();
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"))) {
            broker.createTopic(EVENTS_TOPIC, 2);
            broker.createTopic(RECS_TOPIC, 2);
            broker.createTopic(ERRORS_TOPIC, 1);
            broker.produce(EVENTS_TOPIC, 2, EventMix.events(EVENTS));
            ModelStore store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
            VersionId v1 = ModelFixtures.publishCurrent(store,
                    ModelFixtures.random(EventMix.USERS, EventMix.ITEMS, 6, 5, 1));

            try (TopicRecords records = new TopicRecords(broker.bootstrap(), RECS_TOPIC, ERRORS_TOPIC)) {
                try (JvmProcess first = predictor(broker, "predictor-1.log")) {
                    first.await("half the events answered", Duration.ofMinutes(4),
                            () -> records.poll().distinctIds() >= EVENTS / 2);
                    first.kill();
                    first.waitFor(Duration.ofMinutes(1));
                }
                assertTrue(records.poll().distinctIds() < EVENTS, "the kill landed before the end of the topic");
                VersionId v2 = ModelFixtures.publishCurrent(store,
                        ModelFixtures.random(EventMix.USERS, EventMix.ITEMS, 6, 5, 2));
                // Taken now rather than at the kill: nothing the killed JVM sent can still be on its way.
                Map<Integer, Long> restartedAt = records.endOffsets(RECS_TOPIC);

                try (JvmProcess second = predictor(broker, "predictor-2.log")) {
                    second.await("every event answered", Duration.ofMinutes(4), () -> records.poll().hasAll(ids));
                    second.terminate();
                    assertEquals(0, second.waitFor(Duration.ofMinutes(1)), "exit code after SIGTERM\n" + second.tail());
                }
                records.readToEnd(Duration.ofMinutes(1));

                long duplicated = records.timesSeen().values().stream().filter(n -> n > 1).count();
                assertTrue(duplicated <= MAX_EVENTS_PER_BATCH,
                        duplicated + " event ids answered more than once; at most one micro-batch may repeat");
                assertEquals(ids.size(), records.distinctIds(), "only produced ids are answered");

                List<TopicRecords.Received> recs = records.of(RECS_TOPIC);
                for (TopicRecords.Received r : recs) {
                    // keyed by the user; a similar-items record, about no user, by its item
                    assertEquals(r.value().get(r.value().has("similar") ? "item" : "user").asText(), r.key(),
                            "key of " + r);
                    boolean afterRestart = r.offset() >= restartedAt.get(r.partition());
                    assertEquals((afterRestart ? v2 : v1).value(), r.value().get("model").asText(), "model of " + r);
                }
                assertFalse(recs.stream().noneMatch(r -> r.offset() >= restartedAt.get(r.partition())),
                        "the restarted predictor wrote records");
                assertTrue(recs.stream().anyMatch(r -> r.value().has("similar")), "similar items answered");
                Set<String> malformed = IntStream.range(0, EVENTS).filter(EventMix::malformed).mapToObj(i -> "e" + i)
                        .collect(Collectors.toSet());
                Set<String> inErrors = records.of(ERRORS_TOPIC).stream().map(TopicRecords.Received::id)
                        .collect(Collectors.toSet());
                assertEquals(malformed.size(), inErrors.size(), "distinct malformed events in the errors topic");
                assertEquals(malformed, inErrors, "the errors topic holds exactly the malformed events");
            }
        }
    }

    private JvmProcess predictor(KafkaBroker broker, String log) {
        String kafka = "kafka://" + broker.bootstrap() + "/";
        return JvmProcess.sparkSubmit(dir.resolve(log), Map.of(), List.of("--master", "local[2]"), List.of("stream",
                "--store", dir.resolve("store").toString(), "--source", kafka + EVENTS_TOPIC,
                "--sink", kafka + RECS_TOPIC, "--errors", kafka + ERRORS_TOPIC,
                "--checkpoint", dir.resolve("checkpoint").toString(),
                "--batch-interval", "1", "--reload-interval", "1", "--top", "5",
                "--max-events-per-batch", String.valueOf(MAX_EVENTS_PER_BATCH)));
    }
}
