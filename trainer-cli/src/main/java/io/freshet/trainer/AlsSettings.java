package io.freshet.trainer;

import io.freshet.store.Manifest;
import picocli.CommandLine.Option;

/**
 * The ALS options of {@code fit} (and the defaults of {@code tune}). The defaults are the ranking objective
 * with the settings measured in docs/metrics.md ("Choosing the default").
 */
public final class AlsSettings {
    /** What a model is fitted for (docs/metrics.md, "Objectives"). */
    enum Objective {
        /** Top-N lists: implicit-feedback ALS on preferences derived from the ratings. */
        RANKING,
        /** Predicted ratings: explicit-feedback ALS. */
        RATING
    }

    @Option(names = "--objective", defaultValue = "ranking", paramLabel = "ranking|rating",
            description = "ranking: fit for top-N lists (implicit-feedback ALS, ratings above --neutral-rating as "
                    + "positive and below it as negative evidence); rating: fit to predict ratings (explicit ALS) "
                    + "(default: ${DEFAULT-VALUE}).")
    Objective objective;

    @Option(names = "--neutral-rating", paramLabel = "RATING",
            description = "Ranking objective: the rating that says neither like nor dislike; each rating's distance "
                    + "from it is its confidence (default: 60%% of the input's largest rating; 0 for counts or "
                    + "clicks, where every value is positive evidence).")
    Double neutralRating;

    @Option(names = "--rank", defaultValue = "30", description = "Latent factors (default: ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--iterations", defaultValue = "10", description = "ALS iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--reg-param", defaultValue = "0.3", description = "Regularisation (default: ${DEFAULT-VALUE}).")
    double regParam;

    @Option(names = "--alpha", defaultValue = "1.5",
            description = "Ranking objective: confidence per unit of distance from the neutral rating "
                    + "(default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--implicit-prefs",
            description = "The ranking objective with the ratings as confidences (--neutral-rating 0), as for "
                    + "counts of views or clicks; kept for earlier command lines.")
    boolean implicitPrefs;

    @Option(names = "--nonnegative", description = "Constrain factors to be non-negative.")
    boolean nonnegative;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /**
     * The parameters asked for. For the ranking objective without --neutral-rating (or --implicit-prefs) the
     * neutral rating is left open: the trainer chooses it from the input ({@link TrainingService}).
     */
    public Manifest.AlsParams params() {
        if (rank < 1) {
            throw new IllegalArgumentException("--rank must be at least 1, got " + rank);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
        }
        if (regParam < 0 || !Double.isFinite(regParam)) {
            throw new IllegalArgumentException("--reg-param must be a finite number >= 0, got " + regParam);
        }
        if (alpha < 0 || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("--alpha must be a finite number >= 0, got " + alpha);
        }
        boolean ranking = objective == Objective.RANKING;
        if (!ranking && (implicitPrefs || neutralRating != null)) {
            throw new IllegalArgumentException((implicitPrefs ? "--implicit-prefs" : "--neutral-rating")
                    + " needs --objective ranking (got --objective rating)");
        }
        if (neutralRating != null && !Double.isFinite(neutralRating)) {
            throw new IllegalArgumentException("--neutral-rating must be a finite number, got " + neutralRating);
        }
        Double neutral = neutralRating != null ? neutralRating : implicitPrefs ? Double.valueOf(0.0) : null;
        return new Manifest.AlsParams(rank, iterations, regParam, alpha, ranking, nonnegative, seed,
                ranking ? Manifest.AlsParams.RANKING : Manifest.AlsParams.RATING, neutral);
    }
}
