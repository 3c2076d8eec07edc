package io.freshet.trainer.eval;

import java.util.Objects;

/**
 * How a fit is evaluated.
 *
 * @param holdoutFraction    the share of ratings held out, in [0, 1); 0 disables evaluation and the gate
 * @param splitBy            how the held-out ratings are chosen
 * @param k                  the cut-off of the ranking metrics
 * @param relevanceThreshold explicit ratings: a held-out item is relevant when rated at least this; ignored
 *                           for implicit feedback, where every held-out item is relevant
 * @param refitAll           after the gate passes, refit on all ratings and publish that model
 */
public record EvaluationSettings(double holdoutFraction, SplitMode splitBy, int k, double relevanceThreshold,
                                 boolean refitAll) {
    public static final double DEFAULT_HOLDOUT = 0.2;
    public static final int DEFAULT_K = 10;
    public static final double DEFAULT_RELEVANCE = 3.5;

    public EvaluationSettings {
        if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("--holdout must be in [0, 1), got " + holdoutFraction);
        }
        Objects.requireNonNull(splitBy, "--holdout-by");
        if (k < 1) {
            throw new IllegalArgumentException("--eval-k must be at least 1, got " + k);
        }
        if (!Double.isFinite(relevanceThreshold)) {
            throw new IllegalArgumentException("--relevance-threshold must be a finite number, got "
                    + relevanceThreshold);
        }
    }

    /** The command line's defaults: 20% held out, split chosen by the data, k = 10, relevant from 3.5. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(DEFAULT_HOLDOUT, SplitMode.AUTO, DEFAULT_K, DEFAULT_RELEVANCE, false);
    }

    public boolean enabled() {
        return holdoutFraction > 0;
    }
}
