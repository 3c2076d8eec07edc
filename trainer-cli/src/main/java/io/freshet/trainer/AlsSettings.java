package io.freshet.trainer;

import io.freshet.store.Manifest;
import picocli.CommandLine.Option;

/** The ALS options of {@code fit} (and the defaults of {@code tune}). */
public final class AlsSettings {
    @Option(names = "--rank", defaultValue = "10", description = "Latent factors (default: ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--iterations", defaultValue = "10", description = "ALS iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--reg-param", defaultValue = "0.1", description = "Regularisation (default: ${DEFAULT-VALUE}).")
    double regParam;

    @Option(names = "--alpha", defaultValue = "1.0",
            description = "Confidence scale for --implicit-prefs (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--implicit-prefs", description = "Treat ratings as implicit feedback (views, clicks).")
    boolean implicitPrefs;

    @Option(names = "--nonnegative", description = "Constrain factors to be non-negative.")
    boolean nonnegative;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

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
        return new Manifest.AlsParams(rank, iterations, regParam, alpha, implicitPrefs, nonnegative, seed);
    }
}
