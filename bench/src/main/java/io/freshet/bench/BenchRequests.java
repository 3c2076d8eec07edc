package io.freshet.bench;

import io.freshet.data.RatingReadOptions;
import io.freshet.store.Manifest;
import io.freshet.trainer.FitRequest;
import io.freshet.trainer.eval.EvaluationSettings;
import io.freshet.trainer.eval.GateSettings;
import io.freshet.trainer.eval.SplitMode;
import java.time.Duration;
import java.util.Optional;

/** The trainer requests the benchmarks run, with the given ALS parameters. */
final class BenchRequests {
    private BenchRequests() {
    }

    /** `trainer fit --holdout 0`: read, validate, fit on everything, export, publish, promote; no evaluation. */
    static FitRequest plain(String input, Manifest.AlsParams als) {
        return new FitRequest(input, RatingReadOptions.defaults(), als, true, Duration.ofHours(1),
                new EvaluationSettings(0, SplitMode.AUTO, EvaluationSettings.DEFAULT_K, null, false),
                GateSettings.defaults(), Optional.empty());
    }

    /** `trainer fit` with its defaults: 20% held out, metrics, the quality gate against the current version. */
    static FitRequest evaluated(String input, Manifest.AlsParams als) {
        return new FitRequest(input, RatingReadOptions.defaults(), als, true, Duration.ofHours(1));
    }
}
