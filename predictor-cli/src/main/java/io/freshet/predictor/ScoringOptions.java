package io.freshet.predictor;

import io.freshet.cli.OptionCheck;
import io.freshet.fold.NewUserPolicy;
import io.freshet.serving.EventProcessor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How events are scored, shared by {@code stream} and {@code transform}. */
final class ScoringOptions {
    @Option(names = "--top", defaultValue = "10", paramLabel = "N",
            description = "Recommendations per user event (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--exclude-seen", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Leave out items the user rated in training (default: on; --no-exclude-seen turns it off).")
    boolean excludeSeen;

    @Option(names = "--new-user-min-ratings", defaultValue = "1", paramLabel = "N",
            description = "A user the model does not know gets the popular list until N ratings of known items have "
                    + "been folded in through the stream (default: ${DEFAULT-VALUE}).")
    int newUserMinRatings;

    @Option(names = "--new-user-popularity", defaultValue = "1", paramLabel = "W",
            description = "A new user's folded list adds W * log(1 + count) / log(1 + top count) to each item's score "
                    + "(its training rating count); known users' lists are not blended (default: ${DEFAULT-VALUE}).")
    double newUserPopularity;

    /** The scoring path these options ask for; a bad value is a usage error (exit 2). */
    EventProcessor processor(CommandSpec spec) {
        return OptionCheck.of(spec, () -> new EventProcessor(top, excludeSeen, newUserPolicy()));
    }

    /** How new users are answered; IllegalArgumentException for a bad value. */
    NewUserPolicy newUserPolicy() {
        return new NewUserPolicy(newUserMinRatings, newUserPopularity);
    }
}
