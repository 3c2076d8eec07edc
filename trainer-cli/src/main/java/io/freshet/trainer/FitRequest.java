package io.freshet.trainer;

import io.freshet.data.RatingReadOptions;
import io.freshet.store.Manifest;
import io.freshet.trainer.eval.EvaluationSettings;
import io.freshet.trainer.eval.GateSettings;
import io.freshet.trainer.eval.MetricNames;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One training run: where the ratings are and how to read them, the ALS parameters, whether to move the
 * pointer, how old leftover temporaries must be before this run removes them, how the fit is evaluated and
 * gated, and the parameter search that chose the parameters, if any (recorded in the manifest).
 */
public record FitRequest(String input, RatingReadOptions read, Manifest.AlsParams als, boolean promote,
                         Duration temporaryGrace, EvaluationSettings evaluation, GateSettings gate,
                         Optional<Manifest.Tuning> tuning) {
    public FitRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(read, "read options");
        Objects.requireNonNull(als, "ALS parameters");
        Objects.requireNonNull(temporaryGrace, "temporary grace");
        Objects.requireNonNull(evaluation, "evaluation settings");
        Objects.requireNonNull(gate, "gate settings");
        Objects.requireNonNull(tuning, "tuning");
        if (evaluation.enabled()) {
            MetricNames.requireKnown(gate.metric(), evaluation.k(), als.implicitPrefs());
        }
    }

    /** A run with the command line's evaluation and gate defaults (20% held out, ndcg@10, 2% tolerance). */
    public FitRequest(String input, RatingReadOptions read, Manifest.AlsParams als, boolean promote,
                      Duration temporaryGrace) {
        this(input, read, als, promote, temporaryGrace, EvaluationSettings.defaults(), GateSettings.defaults(),
                Optional.empty());
    }

    /** The share of the input's largest rating that a ranking fit takes as neutral unless told (docs/metrics.md). */
    public static final double NEUTRAL_SHARE_OF_MAX = 0.6;

    /**
     * This request with what it left to the input chosen from the input's largest rating: a ranking fit's
     * neutral rating (60% of it) and the relevance threshold (80% of it; every held-out item when the ratings
     * are confidences, neutral rating 0).
     */
    public FitRequest resolvedFor(double maxRating) {
        Manifest.AlsParams p = als.ranking() && als.neutralRating() == null
                ? als.withNeutralRating(NEUTRAL_SHARE_OF_MAX * maxRating) : als;
        boolean confidences = p.ranking() && p.neutralRating() == 0;
        return new FitRequest(input, read, p, promote, temporaryGrace, evaluation.resolved(confidences, maxRating),
                gate, tuning);
    }

    /** This request with other ALS parameters and the search that chose them. */
    public FitRequest withTunedParams(Manifest.AlsParams tuned, Manifest.Tuning search) {
        return new FitRequest(input, read, tuned, promote, temporaryGrace, evaluation, gate, Optional.of(search));
    }
}
