/**
 * Evaluation and the quality gate of a fit (docs/metrics.md): the holdout split, the metrics on the held-out
 * ratings (regression through Spark's RegressionEvaluator, ranking through the Scorer and Spark's
 * RankingMetrics), the most-popular baseline, the gate that compares a candidate with the current version on
 * the same holdout, and the cross-validated parameter search of {@code trainer tune}.
 *
 * <p>Owns no command line and writes nothing to the store: the trainer's service decides what to publish from
 * what this package returns.
 */
package io.freshet.trainer.eval;
