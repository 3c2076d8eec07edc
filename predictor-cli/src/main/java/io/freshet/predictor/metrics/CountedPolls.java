package io.freshet.predictor.metrics;

import io.freshet.serving.ModelWatcher;
import io.freshet.serving.ServingModel;
import java.time.Clock;
import java.time.Instant;

/**
 * The watcher's polls, counted: each runs {@link ModelWatcher#pollOnce()} and reports a swap (with the lag from the
 * poll's start, when it read the moved pointer, to the new version placed) or a failure to {@link PredictorMetrics}.
 * A poll that throws (an Error loading a version too large for the driver) is a failed poll too, and is rethrown for
 * the poller to log.
 */
public record CountedPolls(ModelWatcher watcher, PredictorMetrics metrics, Clock clock) implements Runnable {
    @Override
    public void run() {
        Instant seen = clock.instant();
        ModelWatcher.Outcome outcome;
        try {
            outcome = watcher.pollOnce();
        } catch (RuntimeException | Error e) {
            metrics.pollFailed();
            throw e;
        }
        switch (outcome) {
            case SWAPPED -> {
                ServingModel m = watcher.served().orElseThrow();
                metrics.swapped(m.version(), m.createdAt(), seen);
            }
            case FAILED, NO_MODEL -> metrics.pollFailed();
            case UNCHANGED -> {
            }
        }
    }
}
