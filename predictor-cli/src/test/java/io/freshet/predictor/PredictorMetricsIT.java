package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.predictor.feed.Feeder;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The predictor's driver metrics as an operator scrapes them (README, "Metrics"; docs/operations.md): {@code predictor
 * stream} through real spark-submit on local[2], Spark's Prometheus servlet enabled by the README's settings on a
 * loopback UI port, scraped over HTTP before and after a version is promoted mid-stream and after a corrupt version is
 * made current.
 */
@Tag("slow")
class PredictorMetricsIT {
    private static final String PREFIX = "metrics_predictor_driver_freshet_";
    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build(); // Spark's handler redirects the path to PATH/

    @Test
    void versionSwapsRecordsAgeAndFailedPollsMoveInTheDriversPrometheusScrape() throws Exception {
        Path storePath = dir.resolve("store");
        ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
        VersionId v1 = ModelFixtures.publishCurrent(store, ModelFixtures.random(200, 100, 6, 5, 1));
        int uiPort = StandaloneCluster.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + uiPort + "/metrics/prometheus");
        List<String> events = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            events.addAll(StreamScenario.events());
        }
        try (Feeder feeder = new Feeder(0, events, 200);
             JvmProcess job = JvmProcess.sparkSubmit(dir.resolve("predictor.log"), Map.of(), List.of("--master",
                     "local[2]", "--conf", "spark.ui.port=" + uiPort,
                     "--conf", "spark.metrics.conf.*.sink.prometheusServlet.class="
                             + "org.apache.spark.metrics.sink.PrometheusServlet",
                     "--conf", "spark.metrics.conf.*.sink.prometheusServlet.path=/metrics/prometheus",
                     "--conf", "spark.metrics.namespace=predictor"), List.of("stream",
                     "--store", storePath.toString(), "--source", "socket://127.0.0.1:" + feeder.port(),
                     "--sink", "dir:" + dir.resolve("out"), "--errors", "dir:" + dir.resolve("errors"),
                     "--batch-interval", "1", "--reload-interval", "1", "--top", "5"))) {
            Map<String, Double> before = await(job, endpoint, "records of " + v1 + " at least 2 s old",
                    m -> m.containsKey(served(v1)) && m.getOrDefault(PREFIX + "records_Count", 0.0) > 0
                            && m.get(PREFIX + "model_age_seconds_Value") >= 2);
            assertEquals(1.0, before.get(served(v1)), "the served version's info gauge");
            readmeRelabellingGivesTheVersion(before.keySet(), v1);
            assertEquals(0.0, before.get(PREFIX + "swaps_Count"));
            assertEquals(0.0, before.get(PREFIX + "failed_polls_Count"));
            assertEquals(0.0, before.get(PREFIX + "last_failed_poll_seconds_Value"));
            assertTrue(before.get(PREFIX + "batch_processing_ms_Count") > 0, "batches timed");
            assertTrue(before.get(PREFIX + "events_Count") >= before.get(PREFIX + "records_Count")
                    + before.get(PREFIX + "errors_Count"), "events: " + before);
            double vector = before.get(PREFIX + "scoring_kernel_vector_Value");
            assertEquals(1.0, vector + before.get(PREFIX + "scoring_kernel_scalar_Value"), "one kernel in use");
            assertEquals(ProjectPaths.jvmOptions().stream().anyMatch(o -> o.contains("jdk.incubator.vector")) ? 1.0 : 0.0,
                    vector, "the vector kernel where bin/jvm-options loads the Vector API");
            double ageBefore = before.get(PREFIX + "model_age_seconds_Value");
            double ageOfV1 = await(job, endpoint, "the age of " + v1 + " growing",
                    m -> m.get(PREFIX + "model_age_seconds_Value") > ageBefore).get(PREFIX + "model_age_seconds_Value");

            VersionId v2 = ModelFixtures.publishCurrent(store, ModelFixtures.random(200, 100, 6, 5, 2));
            Map<String, Double> swapped = await(job, endpoint, "the swap to " + v2,
                    m -> m.containsKey(served(v2)));
            assertEquals(1.0, swapped.get(PREFIX + "swaps_Count"));
            assertTrue(!swapped.containsKey(served(v1)), "the old version's info gauge is gone");
            double lag = swapped.get(PREFIX + "swap_lag_seconds_Value");
            assertTrue(lag > 0 && lag < 60, "poll-to-served lag " + lag);
            double ageOfV2 = swapped.get(PREFIX + "model_age_seconds_Value");
            assertTrue(ageOfV2 < ageOfV1, "the age is the new version's: " + ageOfV2 + " s, " + v1 + " was " + ageOfV1);
            double recordsAtSwap = swapped.get(PREFIX + "records_Count");
            await(job, endpoint, "records after the swap",
                    m -> m.get(PREFIX + "records_Count") > recordsAtSwap && m.containsKey(served(v2)));
            assertTrue(swapped.get(PREFIX + "popular_fallbacks_Count") <= swapped.get(PREFIX + "records_Count"));

            long beforeDamage = System.currentTimeMillis() / 1000;
            VersionId broken = StoreDamage.publishTruncatedFactors(store, ModelFixtures.random(200, 100, 6, 5, 3));
            store.promote(broken);
            Map<String, Double> failed = await(job, endpoint, "a failed poll of " + broken,
                    m -> m.get(PREFIX + "failed_polls_Count") >= 1);
            assertTrue(failed.get(PREFIX + "last_failed_poll_seconds_Value") >= beforeDamage, "last failure time");
            assertTrue(failed.containsKey(served(v2)), "still serving " + v2 + ": " + failed.keySet());
            assertEquals(1.0, failed.get(PREFIX + "swaps_Count"), "no swap to a corrupt version");
            double failures = failed.get(PREFIX + "failed_polls_Count");
            await(job, endpoint, "every poll of the corrupt version failing",
                    m -> m.get(PREFIX + "failed_polls_Count") > failures);

            assertTrue(failed.get(PREFIX + "errors_Count") > 0, "malformed events counted as errors");
            assertTrue(failed.get(PREFIX + "popular_fallbacks_Count") > 0, "unknown users counted as fallbacks");
            job.terminate();
            assertEquals(0, job.waitFor(WAIT), job.tail());
        }
    }

    /**
     * The README's scrape config applied to the names scraped, with Java's regular expressions (anchored, as Prometheus's
     * RE2 ones are): its drop rule takes the gauges' {@code _Number} copies and nothing else, its version rule makes the
     * served version's name give back the version id, its name rule matches that name.
     */
    private static void readmeRelabellingGivesTheVersion(Set<String> scraped, VersionId v) {
        String readme = ProjectPaths.read(ProjectPaths.root().resolve("README.md"));
        List<String> regexes = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^ +regex: '([^']+)'$").matcher(readme);
        while (m.find()) {
            regexes.add(m.group(1));
        }
        assertEquals(3, regexes.size(), "the README's relabelling rules: " + regexes);
        for (String name : scraped) {
            boolean ours = name.startsWith(PREFIX) && !name.startsWith(PREFIX + "predictor_StreamingMetrics");
            if (ours) {
                assertEquals(name.endsWith("_Number"), name.matches(regexes.get(0)), "drop rule on " + name);
            }
        }
        Matcher version = Pattern.compile(regexes.get(1)).matcher(served(v));
        assertTrue(version.matches(), regexes.get(1) + " on " + served(v));
        assertEquals(v.value(), version.group(1) + "-" + version.group(2));
        assertTrue(served(v).matches(regexes.get(2)), regexes.get(2) + " on " + served(v));
    }

    private static String served(VersionId v) {
        return PREFIX + "served_version_" + v.value().replace('-', '_') + "_Value";
    }

    /** Scrapes the endpoint until {@code condition} holds of what it reports; returns that scrape. */
    private Map<String, Double> await(JvmProcess job, URI endpoint, String what, Predicate<Map<String, Double>> condition)
            throws InterruptedException {
        AtomicReference<Map<String, Double>> last = new AtomicReference<>();
        try {
            job.await(what, WAIT, () -> {
                Optional<Map<String, Double>> scraped = scrape(endpoint);
                scraped.ifPresent(last::set);
                return scraped.filter(m -> m.containsKey(PREFIX + "records_Count")).filter(condition).isPresent();
            });
        } catch (AssertionError e) {
            throw new AssertionError("last scrape of " + endpoint + ": " + (last.get() == null ? "none answered"
                    : new TreeMap<>(last.get()).entrySet().stream().filter(m -> m.getKey().contains("freshet"))
                    .toList()) + "\n" + e.getMessage(), e);
        }
        return last.get();
    }

    /** The servlet's lines, {@code NAME{type="..."} VALUE}, by name; empty while the UI does not answer yet. */
    private Optional<Map<String, Double>> scrape(URI endpoint) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            Map<String, Double> values = new HashMap<>();
            for (String line : r.body().split("\n")) {
                int brace = line.indexOf('{');
                int space = line.lastIndexOf(' ');
                if (brace > 0 && space > brace) {
                    values.put(line.substring(0, brace), Double.parseDouble(line.substring(space + 1)));
                }
            }
            return Optional.of(values);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
