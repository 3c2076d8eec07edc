package io.freshet.predictor;

import picocli.CommandLine.Option;

/** How events are scored, shared by {@code stream} and {@code transform}. */
final class ScoringOptions {
    @Option(names = "--top", defaultValue = "10", paramLabel = "N",
            description = "Recommendations per user event (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--exclude-seen", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Leave out items the user rated in training (default: on; --no-exclude-seen turns it off).")
    boolean excludeSeen;
}
