package io.freshet.trainer.metrics;

import java.util.Locale;

/** What a training run did with the pointer after the quality gate (the {@code decision} label). */
public enum PointerDecision {
    /** The gate passed and the pointer moved to the new version. */
    PROMOTED,
    /** The gate refused, and --force moved the pointer anyway. */
    FORCED,
    /** The gate refused: published as rejected, the pointer stays (exit 6). */
    REFUSED,
    /** Not evaluated (--holdout 0): published and promoted without a gate. */
    NOT_GATED,
    /** --no-promote: published, the pointer left alone. */
    NO_PROMOTE,
    /** The run ended before it published, or its promotion failed (exit 9, 11): no decision took effect. */
    NONE;

    /** The value of the {@code decision} label. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
