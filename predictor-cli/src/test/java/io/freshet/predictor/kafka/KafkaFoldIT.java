package io.freshet.predictor.kafka;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.predictor.FoldingFixtures;
import io.freshet.predictor.JvmProcess;
import io.freshet.store.ModelStore;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka job keeps its fold-ins across a crash: ratings folded by one predictor (real spark-submit, a real
 * broker), SIGKILL, and the predictor restarted on the same checkpoint answers the user from the folded state.
 */
@Tag("slow")
class KafkaFoldIT {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aRestartFromTheCheckpointFindsTheFoldInsIntact() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"))) {
            broker.createTopic("events", 1);
            broker.createTopic("recs", 1);
            broker.createTopic("errors", 1);
            FoldingFixtures.publishCurrent(ModelStore.open(dir.resolve("store").toString(), new Configuration()),
                    ModelFixtures.random(40, 30, 4, 3, 5));
            try (TopicRecords records = new TopicRecords(broker.bootstrap(), "recs", "errors")) {
                List<Integer> before;
                List<Integer> rated = new ArrayList<>();
                try (JvmProcess first = predictor(broker, "predictor-1.log")) {
                    broker.produce("events", 1, List.of("{\"id\":\"q0\",\"user\":1}"));
                    before = items(await(first, records, "q0"));
                    rated.addAll(before.subList(0, 2));
                    broker.produce("events", 1, List.of(
                            "{\"id\":\"r0\",\"user\":1,\"item\":" + rated.get(0) + ",\"rating\":5}",
                            "{\"id\":\"r1\",\"user\":1,\"item\":" + rated.get(1) + ",\"rating\":5}"));
                    await(first, records, "r1");
                    first.await("the state of the ratings' batch committed", Duration.ofMinutes(2),
                            () -> first.log().contains("fold-in state 1 users"));
                    first.kill();
                    first.waitFor(Duration.ofMinutes(1));
                }
                try (JvmProcess second = predictor(broker, "predictor-2.log")) {
                    broker.produce("events", 1, List.of("{\"id\":\"q1\",\"user\":1}"));
                    List<Integer> after = items(await(second, records, "q1"));
                    assertNotEquals(before, after, "answered from the folded vector");
                    assertTrue(after.stream().noneMatch(rated::contains), "no rated item in " + after);
                    assertTrue(second.log().contains("fold-in state restored from"), second.tail());
                    second.terminate();
                    second.waitFor(Duration.ofMinutes(1));
                }
            }
        }
    }

    private static TopicRecords.Received await(JvmProcess p, TopicRecords records, String id)
            throws InterruptedException {
        p.await("the record of " + id, Duration.ofMinutes(3), () -> find(records.poll(), id).isPresent());
        return find(records, id).orElseThrow();
    }

    private static Optional<TopicRecords.Received> find(TopicRecords records, String id) {
        return records.of("recs").stream().filter(r -> id.equals(r.id())).findFirst();
    }

    private static List<Integer> items(TopicRecords.Received r) {
        List<Integer> items = new ArrayList<>();
        r.value().get("items").forEach(i -> items.add(i.get("item").asInt()));
        return items;
    }

    private JvmProcess predictor(KafkaBroker broker, String log) {
        String kafka = "kafka://" + broker.bootstrap() + "/";
        return JvmProcess.sparkSubmit(dir.resolve(log), Map.of(), List.of("--master", "local[2]"), List.of("stream",
                "--store", dir.resolve("store").toString(), "--source", kafka + "events", "--sink", kafka + "recs",
                "--errors", kafka + "errors", "--checkpoint", dir.resolve("checkpoint").toString(),
                "--batch-interval", "1", "--top", "5"));
    }
}
