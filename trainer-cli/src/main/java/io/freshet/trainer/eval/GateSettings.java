package io.freshet.trainer.eval;

import java.util.Objects;

/**
 * What the quality gate checks (docs/metrics.md).
 *
 * @param metric          the metric compared with the current version's on the same holdout
 * @param tolerance       how much worse than current, relative, the candidate may be: 0.02 refuses a candidate
 *                        more than 2% worse
 * @param minUserCoverage the least share of holdout users the candidate must be able to score
 * @param minLift         the least ratio of the candidate's gate metric to the most-popular list's on the same
 *                        holdout (ranking gate metrics only): 1.0 refuses a model that ranks worse than a
 *                        bestseller list, 0 turns the check off
 * @param force           promote a refused candidate anyway (status {@code forced}); never one with NaN or Inf
 *                        factors, which cannot be served
 */
public record GateSettings(String metric, double tolerance, double minUserCoverage, double minLift, boolean force) {
    public static final String DEFAULT_METRIC = "ndcg@10";
    public static final double DEFAULT_TOLERANCE = 0.02;
    public static final double DEFAULT_MIN_USER_COVERAGE = 0.5;
    public static final double DEFAULT_MIN_LIFT = 1.0;

    public GateSettings {
        Objects.requireNonNull(metric, "--gate-metric");
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("--gate-tolerance must be a finite number >= 0, got " + tolerance);
        }
        if (!(minUserCoverage >= 0 && minUserCoverage <= 1)) {
            throw new IllegalArgumentException("--min-user-coverage must be in [0, 1], got " + minUserCoverage);
        }
        if (!(minLift >= 0) || !Double.isFinite(minLift)) {
            throw new IllegalArgumentException("--min-lift must be a finite number >= 0, got " + minLift);
        }
    }

    public static GateSettings defaults() {
        return new GateSettings(DEFAULT_METRIC, DEFAULT_TOLERANCE, DEFAULT_MIN_USER_COVERAGE, DEFAULT_MIN_LIFT, false);
    }
}
