package io.freshet.predictor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codahale.metrics.MetricRegistry;
import io.freshet.cli.MetricsDocTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** docs/operations.md lists exactly the metrics, with their types, that the predictor's source registers. */
class PredictorMetricsDocTest {
    private static final String VERSION = "20261125T152000Z-3fa9c1";

    @Test
    void theDocumentedMetricsAreTheOnesRegistered() throws Exception {
        Map<String, String> documented = MetricsDocTable.read(Path.of("..", "docs", "operations.md"),
                PredictorMetrics.SOURCE + "\\.([A-Za-z_.]+)");
        PredictorMetrics metrics = new PredictorMetrics(Clock.systemUTC(), "scalar");
        metrics.serving(VERSION, Instant.now());
        MetricRegistry registry = metrics.metricRegistry();
        Map<String, String> registered = new TreeMap<>();
        registry.getGauges().keySet().forEach(n -> registered.put(n.replace(VERSION, "VERSION"), "gauge"));
        registry.getCounters().keySet().forEach(n -> registered.put(n, "counter"));
        registry.getHistograms().keySet().forEach(n -> registered.put(n, "histogram"));
        registry.getMeters().keySet().forEach(n -> registered.put(n, "meter"));
        registry.getTimers().keySet().forEach(n -> registered.put(n, "timer"));
        assertEquals(registered, documented);
    }
}
