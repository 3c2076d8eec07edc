package io.freshet.predictor;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Everything a streaming job needs besides Spark: endpoints, intervals, and how to score. */
public record StreamSettings(String store, Endpoint source, Endpoint sink, Endpoint errors, Duration batchInterval,
                             Duration reloadInterval, int topN, boolean excludeSeen, String checkpoint,
                             Map<String, String> kafkaOptions) {
    public StreamSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(source, "source");
        if (batchInterval.isNegative() || batchInterval.isZero()) {
            throw new IllegalArgumentException("--batch-interval must be positive, got " + batchInterval);
        }
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("--reload-interval must be positive, got " + reloadInterval);
        }
        kafkaOptions = Map.copyOf(kafkaOptions);
    }
}
