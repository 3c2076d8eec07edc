package io.freshet.predictor;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a streaming job needs besides Spark: endpoints, intervals, and how to score.
 * {@code maxEventsPerBatch} bounds a Kafka micro-batch (0: no bound); other sources take no bound.
 */
public record StreamSettings(String store, Endpoint source, Endpoint sink, Endpoint errors, Duration batchInterval,
                             Duration reloadInterval, int topN, boolean excludeSeen, String checkpoint,
                             long maxEventsPerBatch, Map<String, String> kafkaOptions) {
    public StreamSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(source, "source");
        if (maxEventsPerBatch < 0) {
            throw new IllegalArgumentException("--max-events-per-batch must be a number of events (0: no bound), got "
                    + maxEventsPerBatch);
        }
        if (maxEventsPerBatch > 0 && source.kind() != Endpoint.Kind.KAFKA) {
            throw new IllegalArgumentException("--max-events-per-batch applies to kafka:// sources only, got "
                    + source.kind());
        }
        if (batchInterval.isNegative() || batchInterval.isZero()) {
            throw new IllegalArgumentException("--batch-interval must be positive, got " + batchInterval);
        }
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("--reload-interval must be positive, got " + reloadInterval);
        }
        kafkaOptions = Map.copyOf(kafkaOptions);
    }
}
