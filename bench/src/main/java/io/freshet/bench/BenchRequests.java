package io.freshet.bench;

import io.freshet.data.RatingReadOptions;
import io.freshet.store.Manifest;
import io.freshet.trainer.FitRequest;
import java.time.Duration;

/** The trainer requests the benchmarks run: what a plain `trainer fit` does, with the given ALS parameters. */
final class BenchRequests {
    private BenchRequests() {
    }

    static FitRequest fit(String input, Manifest.AlsParams als) {
        return new FitRequest(input, RatingReadOptions.defaults(), als, true, Duration.ofHours(1));
    }
}
