package io.freshet.predictor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.freshet.predictor.StoreDamage;
import io.freshet.serving.ModelWatcher;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The values of the predictor's metrics after what the stream reports, and the polls of a real store counted. */
class PredictorMetricsTest {
    private static final String V1 = "20261125T152000Z-3fa9c1";
    private static final String V2 = "20261126T021500Z-8c01fe";

    @TempDir
    Path dir;

    private final PredictorMetrics metrics = new PredictorMetrics(Clock.systemUTC(), "vector");
    private final MetricRegistry registry = metrics.metricRegistry();

    private Object gauge(String name) {
        assertTrue(registry.getGauges().containsKey(name), name + " in " + registry.getNames());
        return registry.getGauges().get(name).getValue();
    }

    private long count(String name) {
        return registry.getCounters().get(name).getCount();
    }

    @Test
    void theServedVersionIsOneInfoGaugeNamedByItsIdAndTheAgeIsItsOwn() {
        metrics.serving(V1, Instant.now().minus(Duration.ofHours(1)));
        assertEquals(1, gauge("served_version." + V1));
        long age = (Long) gauge("model_age_seconds");
        assertTrue(age >= 3600 && age < 3660, "age " + age);

        metrics.swapped(V2, Instant.now().minusSeconds(5), Instant.now().minusMillis(1500));
        assertEquals(1, gauge("served_version." + V2));
        assertTrue(!registry.getNames().contains("served_version." + V1), "the old version's gauge is gone");
        assertEquals(1, count("swaps"));
        long newAge = (Long) gauge("model_age_seconds");
        assertTrue(newAge >= 5 && newAge < 60, "age " + newAge);
        double lag = (Double) gauge("swap_lag_seconds");
        assertTrue(lag >= 1.5 && lag < 60, "lag " + lag);
    }

    @Test
    void failedPollsCountWithTheTimeOfTheLast() {
        assertEquals(0L, gauge("last_failed_poll_seconds"));
        long before = Instant.now().getEpochSecond();
        metrics.pollFailed();
        metrics.pollFailed();
        assertEquals(2, count("failed_polls"));
        long at = (Long) gauge("last_failed_poll_seconds");
        assertTrue(at >= before && at <= Instant.now().getEpochSecond(), "last failure " + at);
    }

    @Test
    void batchesAddUpAndTheirProcessingTimesAreAHistogram() {
        metrics.batchDone(10, 8, 2, 3, 120);
        metrics.batchDone(5, 5, 0, 0, 80);
        metrics.batchDone(0, 0, 0, 0, -1); // Spark gave no processing time: not timed
        assertEquals(15, count("events"));
        assertEquals(13, count("records"));
        assertEquals(2, count("errors"));
        assertEquals(3, count("popular_fallbacks"));
        var processing = registry.getHistograms().get("batch_processing_ms");
        assertEquals(2, processing.getCount());
        assertEquals(120, processing.getSnapshot().getMax());
        assertEquals(80, processing.getSnapshot().getMin());
    }

    @Test
    void theKernelInUseIsOneAndTheOtherZero() {
        assertEquals(1, gauge("scoring_kernel.vector"));
        assertEquals(0, gauge("scoring_kernel.scalar"));
        PredictorMetrics scalar = new PredictorMetrics(Clock.systemUTC(), "scalar");
        assertEquals(1, scalar.metricRegistry().getGauges().get("scoring_kernel.scalar").getValue());
        assertThrows(IllegalArgumentException.class, () -> new PredictorMetrics(Clock.systemUTC(), "simd"));
    }

    @Test
    void countedPollsOfARealStoreReportSwapsAndFailures() {
        ModelStore store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
        VersionId v1 = ModelFixtures.publishCurrent(store, ModelFixtures.random(20, 10, 3, 2, 1));
        ModelWatcher watcher = new ModelWatcher(store, m -> { }, Clock.systemUTC());
        metrics.serving(watcher.start().version(), Instant.now());
        CountedPolls polls = new CountedPolls(watcher, metrics, Clock.systemUTC());
        polls.run();
        assertEquals(0, count("swaps"));
        assertEquals(0, count("failed_polls"));

        VersionId v2 = ModelFixtures.publishCurrent(store, ModelFixtures.random(20, 10, 3, 2, 2));
        polls.run();
        assertEquals(1, count("swaps"));
        assertEquals(Set.of("served_version." + v2), servedGauges(), "after the swap from " + v1);

        store.promote(StoreDamage.publishTruncatedFactors(store, ModelFixtures.random(20, 10, 3, 2, 3)));
        polls.run();
        polls.run();
        assertEquals(2, count("failed_polls"));
        assertEquals(1, count("swaps"));
        assertEquals(Set.of("served_version." + v2), servedGauges(), "still serving");

        store.promote(v2);
        ModelWatcher outOfMemory = new ModelWatcher(store, m -> {
            throw new OutOfMemoryError("Java heap space (placing a version too large for the driver)");
        }, Clock.systemUTC());
        assertThrows(OutOfMemoryError.class, new CountedPolls(outOfMemory, metrics, Clock.systemUTC())::run);
        assertEquals(3, count("failed_polls"), "a poll that threw failed too");
    }

    private Set<String> servedGauges() {
        Set<String> names = new TreeSet<>();
        registry.getNames().stream().filter(n -> n.startsWith("served_version.")).forEach(names::add);
        return names;
    }
}
