package io.freshet.predictor.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source registered with a real local SparkContext reaches one of Spark's sinks, its JMX sink, as the
 * Prometheus servlet in PredictorMetricsIT; a second stream in the same context takes the name over.
 */
class JmxSinkTest {
    private static JavaSparkContext jsc;
    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @BeforeAll
    static void startSpark() {
        jsc = new JavaSparkContext(new SparkConf().setMaster("local[1]").setAppName("JmxSinkTest")
                .set("spark.ui.enabled", "false").set("spark.metrics.namespace", "jmxtest")
                .set("spark.metrics.conf.*.sink.jmx.class", "org.apache.spark.metrics.sink.JmxSink"));
    }

    @AfterAll
    static void stopSpark() {
        jsc.stop();
    }

    private Object attribute(String metric, String attribute) throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("metrics:name=jmxtest.driver.freshet." + metric + ",*"),
                null);
        assertEquals(1, names.size(), metric + ": " + names);
        return jmx.getAttribute(names.iterator().next(), attribute);
    }

    private Set<String> servedVersions() throws Exception {
        Set<String> versions = new TreeSet<>();
        for (ObjectName n : jmx.queryNames(new ObjectName("metrics:name=jmxtest.driver.freshet.served_version.*,*"),
                null)) {
            versions.add(n.getKeyProperty("name").substring("jmxtest.driver.freshet.served_version.".length()));
        }
        return versions;
    }

    @Test
    void theMetricsAreMBeansAndASecondStreamInTheContextReplacesTheFirst() throws Exception {
        PredictorMetrics first = PredictorMetrics.registerOn(jsc.sc(), new PredictorMetrics(Clock.systemUTC(), "scalar"));
        first.serving("20261125T152000Z-3fa9c1", Instant.now());
        first.pollFailed();
        assertEquals(1L, attribute("failed_polls", "Count"));
        assertEquals(Set.of("20261125T152000Z-3fa9c1"), servedVersions());

        PredictorMetrics second = PredictorMetrics.registerOn(jsc.sc(), new PredictorMetrics(Clock.systemUTC(), "scalar"));
        second.serving("20261125T152000Z-3fa9c1", Instant.now());
        second.swapped("20261126T021500Z-8c01fe", Instant.now(), Instant.now());
        assertEquals(0L, attribute("failed_polls", "Count"));
        assertEquals(1L, attribute("swaps", "Count"));
        assertEquals(1, attribute("scoring_kernel.scalar", "Value"));
        assertEquals(Set.of("20261126T021500Z-8c01fe"), servedVersions());
    }
}
