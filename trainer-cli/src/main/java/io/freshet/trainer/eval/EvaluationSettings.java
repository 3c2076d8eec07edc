package io.freshet.trainer.eval;

import java.util.Objects;

/**
 * How a fit is evaluated.
 *
 * @param holdoutFraction    the share of ratings held out, in [0, 1); 0 disables evaluation and the gate
 * @param splitBy            how the held-out ratings are chosen
 * @param k                  the cut-off of the ranking metrics
 * @param relevanceThreshold a held-out item is relevant when rated at least this; null until chosen from the
 *                           input ({@link #resolved}); NaN: every held-out item is (ratings used as confidences)
 * @param refitAll           after the gate passes, refit on all ratings and publish that model
 */
public record EvaluationSettings(double holdoutFraction, SplitMode splitBy, int k, Double relevanceThreshold,
                                 boolean refitAll) {
    public static final double DEFAULT_HOLDOUT = 0.2;
    public static final int DEFAULT_K = 10;
    /** The default relevance threshold as a share of the input's largest rating (docs/metrics.md). */
    public static final double RELEVANT_SHARE_OF_MAX = 0.8;

    public EvaluationSettings {
        if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("--holdout must be in [0, 1), got " + holdoutFraction);
        }
        Objects.requireNonNull(splitBy, "--holdout-by");
        if (k < 1) {
            throw new IllegalArgumentException("--eval-k must be at least 1, got " + k);
        }
        if (relevanceThreshold != null && Double.isInfinite(relevanceThreshold)) {
            throw new IllegalArgumentException("--relevance-threshold must be a finite number, got "
                    + relevanceThreshold);
        }
    }

    /** The command line's defaults: 20% held out, split chosen by the data, k = 10, relevance from the input. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(DEFAULT_HOLDOUT, SplitMode.AUTO, DEFAULT_K, null, false);
    }

    /**
     * These settings with the relevance threshold chosen for a fit that uses the ratings as confidences
     * ({@code allRelevant}: every held-out item is relevant) or on ratings up to {@code maxRating}: the
     * threshold asked for, else 80% of the largest rating (4 on a 5-star scale).
     */
    public EvaluationSettings resolved(boolean allRelevant, double maxRating) {
        double threshold = allRelevant ? Double.NaN
                : relevanceThreshold != null && !relevanceThreshold.isNaN() ? relevanceThreshold
                : RELEVANT_SHARE_OF_MAX * maxRating;
        return new EvaluationSettings(holdoutFraction, splitBy, k, threshold, refitAll);
    }

    public boolean enabled() {
        return holdoutFraction > 0;
    }
}
