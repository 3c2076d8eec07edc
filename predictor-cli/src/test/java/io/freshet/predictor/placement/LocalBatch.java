package io.freshet.predictor.placement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.serving.EventProcessor;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One micro-batch as DStreamJob runs it, without a stream: acquire the served broadcast, score the events on
 * the executors with {@link ScoredBatch}, collect the output records, close the lease.
 */
final class LocalBatch {
    static final List<String> EVENTS = List.of("{\"id\":\"a\",\"user\":1}", "2,3", "{\"id\":\"c\",\"user\":999999}",
            "{\"user\":\"x\"}", "4");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventProcessor PROCESSOR = new EventProcessor(5, true);

    private LocalBatch() {
    }

    /** Output records of one batch of {@link #EVENTS} scored with the model {@code served} hands out now. */
    static List<JsonNode> score(JavaSparkContext jsc, BroadcastModel served) {
        try (BroadcastModel.Lease lease = served.acquire().orElseThrow()) {
            return score(jsc, lease);
        }
    }

    /** As {@link #score(JavaSparkContext, BroadcastModel)} with a lease the caller holds (and closes). */
    static List<JsonNode> score(JavaSparkContext jsc, BroadcastModel.Lease lease) {
        try (ScoredBatch batch = new ScoredBatch(jsc.parallelize(EVENTS, 2), lease, PROCESSOR)) {
            List<JsonNode> records = new ArrayList<>();
            for (String line : batch.outputs().collect()) {
                records.add(parse(line));
            }
            return records;
        }
    }

    /** The distinct model versions named by the records. */
    static List<String> versions(List<JsonNode> records) {
        return records.stream().map(r -> r.get("model").asText()).distinct().toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }
}
