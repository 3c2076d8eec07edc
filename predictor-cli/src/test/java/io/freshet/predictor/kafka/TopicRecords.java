package io.freshet.predictor.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.predictor.StreamOutputs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything the predictor wrote to its output and errors topics, read from the beginning of every partition
 * (assigned, no consumer group, nothing committed) and kept in arrival order. One thread: the test's.
 */
final class TopicRecords implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record with where it was read: topic, partition, offset, key and its JSON value. */
    record Received(String topic, int partition, long offset, String key, JsonNode value) {
        /** The event id the record answers (an error record's raw text holds it). */
        String id() {
            String id = StreamOutputs.id(value);
            if (id == null) {
                throw new AssertionError("record without an event id in " + topic + "-" + partition + "@" + offset
                        + ": " + value);
            }
            return id;
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Integer> timesSeen = new HashMap<>();

    TopicRecords(String bootstrap, String... topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has arrived since the last call (waiting up to 200 ms for something); returns this. */
    TopicRecords poll() {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            Received rec = new Received(r.topic(), r.partition(), r.offset(), r.key(), parse(r));
            received.add(rec);
            timesSeen.merge(rec.id(), 1, Integer::sum);
        }
        return this;
    }

    /** Reads until every partition has been read up to the end offset it has now. */
    TopicRecords readToEnd(Duration timeout) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read up to " + ends + " within " + timeout);
            }
            poll();
        }
        return this;
    }

    /** The number of distinct event ids read so far, over every topic. */
    int distinctIds() {
        return timesSeen.size();
    }

    boolean hasAll(List<String> ids) {
        return timesSeen.keySet().containsAll(ids);
    }

    /** How many records carried each event id. */
    Map<String, Integer> timesSeen() {
        return Map.copyOf(timesSeen);
    }

    List<Received> of(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** The offset the next record of each partition of {@code topic} will get, asked of the broker now. */
    Map<Integer, Long> endOffsets(String topic) {
        List<TopicPartition> partitions = consumer.assignment().stream().filter(tp -> tp.topic().equals(topic))
                .toList();
        Map<Integer, Long> ends = new HashMap<>();
        consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach((tp, end) -> ends.put(tp.partition(), end));
        return ends;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private static JsonNode parse(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON in " + r.topic() + "-" + r.partition() + "@" + r.offset() + ": "
                    + r.value(), e);
        }
    }
}
