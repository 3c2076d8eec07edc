package io.freshet.predictor.stream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a streaming job needs besides Spark: endpoints, intervals, and how to score.
 * {@code maxEventsPerBatch} bounds a Kafka micro-batch (0: no bound); other sources take no bound.
 * {@code broadcastMaxMb} is the broadcast budget in MiB: a larger model has only its items broadcast and its users
 * joined per batch (0: always joined). {@code sinkRetry} says how often the DStream job tries a batch's write again
 * before it stops. {@code fold} says how rating events fold into users' lists. {@code availabilityReloadInterval} is
 * how often the store's item availability files are checked (docs/store-format.md, "Item availability").
 */
public record StreamSettings(String store, Endpoint source, Endpoint sink, Endpoint errors, Duration batchInterval,
                             Duration reloadInterval, int topN, boolean excludeSeen, String checkpoint,
                             long maxEventsPerBatch, Map<String, String> kafkaOptions, long broadcastMaxMb,
                             SinkRetry sinkRetry, StreamFold fold, Duration availabilityReloadInterval) {
    /** The largest --broadcast-max-mb: its bytes must fit a long. */
    static final long MAX_BROADCAST_MB = Long.MAX_VALUE >> 20;

    public StreamSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sinkRetry, "sinkRetry");
        Objects.requireNonNull(fold, "fold");
        Objects.requireNonNull(availabilityReloadInterval, "availabilityReloadInterval");
        if (availabilityReloadInterval.isNegative() || availabilityReloadInterval.isZero()) {
            throw new IllegalArgumentException("--availability-reload-interval must be positive, got "
                    + availabilityReloadInterval);
        }
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
        if (sink.kind() == Endpoint.Kind.DIR && errors.kind() == Endpoint.Kind.DIR
                && new org.apache.hadoop.fs.Path(sink.path()).equals(new org.apache.hadoop.fs.Path(errors.path()))) {
            throw new IllegalArgumentException("--sink and --errors name the same directory " + sink.path()
                    + ": both write batch-TIME.jsonl files there, so one side would replace the other's; give "
                    + "each its own directory");
        }
        if (broadcastMaxMb < 0 || broadcastMaxMb > MAX_BROADCAST_MB) {
            throw new IllegalArgumentException("--broadcast-max-mb must be a size in MiB from 0 to " + MAX_BROADCAST_MB
                    + ", got " + broadcastMaxMb);
        }
        kafkaOptions = Map.copyOf(kafkaOptions);
    }

    /** Settings whose availability files are checked as often as the pointer. */
    public StreamSettings(String store, Endpoint source, Endpoint sink, Endpoint errors, Duration batchInterval,
                          Duration reloadInterval, int topN, boolean excludeSeen, String checkpoint,
                          long maxEventsPerBatch, Map<String, String> kafkaOptions, long broadcastMaxMb,
                          SinkRetry sinkRetry, StreamFold fold) {
        this(store, source, sink, errors, batchInterval, reloadInterval, topN, excludeSeen, checkpoint,
                maxEventsPerBatch, kafkaOptions, broadcastMaxMb, sinkRetry, fold, reloadInterval);
    }

    /** The broadcast budget in bytes. */
    public long broadcastBudgetBytes() {
        return broadcastMaxMb << 20;
    }
}
