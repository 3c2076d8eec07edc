/**
 * The predictor's driver metrics in Spark's own metrics system (docs/operations.md, "Predictor metrics"): one
 * {@link org.apache.spark.metrics.source.Source} on Spark's Dropwizard registry, so every sink Spark is configured
 * with (the Prometheus servlet of the driver's UI, JMX, Graphite, CSV, ...) reports them: the served version and its
 * age, swaps, failed polls, the poll-to-served lag, the batches' events, records, errors and popular fallbacks,
 * their processing time, and the scoring kernel. The stream jobs create it and feed it; it knows nothing of streams,
 * placement or command lines.
 *
 * <p>Why a Source registered with the driver's {@code SparkEnv} metrics system rather than a {@code SparkPlugin}:
 * Spark instantiates a plugin by class name from {@code spark.plugins} before the job exists, so the stream code could
 * reach the plugin's registry only through a static; the source is an ordinary object the job creates, hands to the
 * code that updates it, and registers with the metrics system of its own SparkContext, as Spark's own streaming
 * source is registered.
 */
package io.freshet.predictor.metrics;
