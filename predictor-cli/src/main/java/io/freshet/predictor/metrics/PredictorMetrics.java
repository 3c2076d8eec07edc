package io.freshet.predictor.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.metrics.MetricsSystem;
import org.apache.spark.metrics.source.Source;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The predictor's metrics, one Dropwizard registry registered as the source {@value #SOURCE} with the driver's
 * metrics system. Every name is part of the operations contract (docs/operations.md lists each with its type and
 * meaning). Thread-safe: the poller, the batch listeners and the scrapes of the sinks meet here.
 */
public final class PredictorMetrics implements Source {
    /** The source's name: Spark reports each metric as {@code NAMESPACE.driver.freshet.NAME}. */
    public static final String SOURCE = "freshet";
    /** Info gauge, 1, its last segment the served version's id. */
    public static final String SERVED_VERSION = "served_version";
    public static final String MODEL_AGE_SECONDS = "model_age_seconds";
    public static final String SWAPS = "swaps";
    public static final String FAILED_POLLS = "failed_polls";
    public static final String LAST_FAILED_POLL_SECONDS = "last_failed_poll_seconds";
    public static final String SWAP_LAG_SECONDS = "swap_lag_seconds";
    public static final String EVENTS = "events";
    public static final String RECORDS = "records";
    public static final String ERRORS = "errors";
    public static final String POPULAR_FALLBACKS = "popular_fallbacks";
    public static final String BATCH_PROCESSING_MS = "batch_processing_ms";
    /** Gauges, 1 for the kernel in use and 0 for the other, their last segment {@link #KERNELS}. */
    public static final String SCORING_KERNEL = "scoring_kernel";
    public static final List<String> KERNELS = List.of("vector", "scalar");

    private final MetricRegistry registry = new MetricRegistry();
    private final Clock clock;
    private final Counter swaps = registry.counter(SWAPS);
    private final Counter failedPolls = registry.counter(FAILED_POLLS);
    private final Counter events = registry.counter(EVENTS);
    private final Counter records = registry.counter(RECORDS);
    private final Counter errors = registry.counter(ERRORS);
    private final Counter popularFallbacks = registry.counter(POPULAR_FALLBACKS);
    private final Histogram batchProcessing = registry.histogram(BATCH_PROCESSING_MS);
    private volatile Served served;
    private volatile Instant lastFailedPoll;
    private volatile Duration lastSwapLag;

    /** The version served and when it was made. */
    private record Served(String version, Instant createdAt) {
    }

    /** @param kernel the scoring kernel in use, one of {@link #KERNELS} */
    public PredictorMetrics(Clock clock, String kernel) {
        this.clock = Objects.requireNonNull(clock);
        if (!KERNELS.contains(kernel)) {
            throw new IllegalArgumentException("scoring kernel: one of " + KERNELS + ", got " + kernel);
        }
        for (String k : KERNELS) {
            int inUse = k.equals(kernel) ? 1 : 0;
            registry.register(MetricRegistry.name(SCORING_KERNEL, k), (Gauge<Integer>) () -> inUse);
        }
        registry.register(MODEL_AGE_SECONDS, (Gauge<Long>) () -> {
            Served s = served;
            return s == null ? 0L : Math.max(0L, Duration.between(s.createdAt(), clock.instant()).toSeconds());
        });
        registry.register(LAST_FAILED_POLL_SECONDS, (Gauge<Long>) () -> {
            Instant t = lastFailedPoll;
            return t == null ? 0L : t.getEpochSecond();
        });
        registry.register(SWAP_LAG_SECONDS, (Gauge<Double>) () -> {
            Duration lag = lastSwapLag;
            return lag == null ? 0.0 : lag.toNanos() / 1e9;
        });
    }

    /**
     * Registers {@code metrics} with the metrics system of {@code sc}'s driver, where its sinks report it, in place of
     * an earlier stream's in the same context (Dropwizard refuses a name twice).
     */
    public static PredictorMetrics registerOn(SparkContext sc, PredictorMetrics metrics) {
        MetricsSystem system = sc.env().metricsSystem();
        CollectionConverters.asJava(system.getSourcesByName(SOURCE)).forEach(system::removeSource);
        system.registerSource(metrics);
        return metrics;
    }

    @Override
    public String sourceName() {
        return SOURCE;
    }

    @Override
    public MetricRegistry metricRegistry() {
        return registry;
    }

    /** The job serves {@code version} from its start (no swap: the first model). */
    public synchronized void serving(String version, Instant createdAt) {
        Served previous = served;
        served = new Served(version, createdAt);
        if (previous != null) {
            registry.remove(MetricRegistry.name(SERVED_VERSION, previous.version()));
        }
        registry.register(MetricRegistry.name(SERVED_VERSION, version), (Gauge<Integer>) () -> 1);
    }

    /**
     * A poll that saw the pointer moved at {@code seenAt} has placed {@code version}: the next batch serves it.
     */
    public synchronized void swapped(String version, Instant createdAt, Instant seenAt) {
        serving(version, createdAt);
        swaps.inc();
        lastSwapLag = Duration.between(seenAt, clock.instant());
    }

    /** A poll that could not serve what the pointer names (store unreadable, no servable version, a bad version). */
    public void pollFailed() {
        failedPolls.inc();
        lastFailedPoll = clock.instant();
    }

    /** A batch done: what it scored and wrote, and its processing time. */
    public void batchDone(long batchEvents, long batchRecords, long batchErrors, long batchPopularFallbacks,
                          long processingMs) {
        events.inc(batchEvents);
        records.inc(batchRecords);
        errors.inc(batchErrors);
        popularFallbacks.inc(batchPopularFallbacks);
        if (processingMs >= 0) {
            batchProcessing.update(processingMs);
        }
    }
}
