package io.freshet.trainer.eval;

/**
 * How the held-out ratings are chosen: {@code auto} is {@code time} when every rating has a timestamp, else
 * {@code random}.
 */
public enum SplitMode {
    AUTO, RANDOM, TIME;

    /** The lower-case name used on the command line and in manifests. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
