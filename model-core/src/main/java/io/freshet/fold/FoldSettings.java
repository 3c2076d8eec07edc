package io.freshet.fold;

import io.freshet.store.Manifest;
import java.io.Serializable;
import java.util.Optional;

/**
 * What a fold-in needs from the fit that made a version: its feedback model, and how ALS weighed and regularised
 * each rating (the manifest's {@code als} object).
 *
 * @param implicitPrefs implicit-feedback ALS (the ranking objective) or explicit (the rating objective)
 * @param alpha         implicit only: the confidence of a rating r is {@code 1 + alpha * |r - neutral|}
 * @param regParam      ALS's regularisation, scaled per user by the count of the user's ratings (ALS-WR), as in
 *                      Spark: every rating counts for explicit ALS, only preferences (r - neutral > 0) for implicit
 * @param neutralRating subtracted from each rating before ALS saw it (0 when none)
 */
public record FoldSettings(boolean implicitPrefs, double alpha, double regParam, double neutralRating)
        implements Serializable {

    /**
     * The settings of a version's fit; empty when fold-in cannot reproduce that fit: nonnegative ALS solves with
     * NNLS, which Freshet does not fold.
     */
    public static Optional<FoldSettings> of(Manifest.AlsParams als) {
        if (als.nonnegative()) {
            return Optional.empty();
        }
        double neutral = als.neutralRating() == null ? 0.0 : als.neutralRating();
        return Optional.of(new FoldSettings(als.implicitPrefs(), als.alpha(), als.regParam(), neutral));
    }

    /** The value ALS saw for a raw rating: the rating less the neutral rating, as a 32-bit float. */
    float shifted(float rating) {
        return neutralRating == 0.0 ? rating : (float) (rating - (float) neutralRating);
    }
}
