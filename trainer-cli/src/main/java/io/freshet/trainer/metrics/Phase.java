package io.freshet.trainer.metrics;

import java.util.Locale;

/** The phases of a training run that are timed, in the order they run. */
public enum Phase {
    /** Reading and validating the ratings. */
    READ,
    /** Fitting ALS (twice with --refit-all: both count). */
    FIT,
    /** The holdout: collecting it, scoring the candidate and the current version on it. */
    EVALUATE,
    /** Writing the ratings the model was fitted on into the version, and collecting the item factors. */
    EXPORT,
    /** Streaming factors.bin and seen.bin from the executors, writing the version and moving the pointer. */
    PUBLISH;

    /** The value of the {@code phase} label. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
