/**
 * The trainer's run metrics for cron (docs/operations.md): what one run records as it goes (phase times, ratings
 * read, the gate's numbers, the pointer decision), the immutable report it ends with, and that report as a Prometheus
 * textfile for the node exporter's textfile collector, replaced atomically. Knows nothing of the command line or of
 * Spark.
 */
package io.freshet.trainer.metrics;
