package io.freshet.trainer;

import io.freshet.data.RatingReadOptions;
import io.freshet.store.Manifest;
import java.time.Duration;
import java.util.Objects;

/**
 * One training run: where the ratings are and how to read them, the ALS parameters, whether to move the
 * pointer, and how old leftover temporaries must be before this run removes them.
 */
public record FitRequest(String input, RatingReadOptions read, Manifest.AlsParams als, boolean promote,
                  Duration temporaryGrace) {
    public FitRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(read, "read options");
        Objects.requireNonNull(als, "ALS parameters");
        Objects.requireNonNull(temporaryGrace, "temporary grace");
    }
}
