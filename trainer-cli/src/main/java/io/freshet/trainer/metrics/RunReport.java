package io.freshet.trainer.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one training run ended with: its exit code, pointer decision and times, and what it got to know on the way
 * (empty where the run stopped before it).
 *
 * @param exitCode   the trainer's exit code (docs/exit-codes.md)
 * @param decision   what the run did with the pointer
 * @param phases     how long each phase that ran took
 * @param runTime    the whole run, from the command's start
 * @param finishedAt when the run ended
 * @param ratings    the valid ratings read, and the bad lines tolerated
 * @param gate       the gate metric, when the candidate was evaluated
 * @param served     the version the pointer names at the end, when the store could be read
 */
public record RunReport(int exitCode, PointerDecision decision, Map<Phase, Duration> phases, Duration runTime,
                        Instant finishedAt, Optional<RatingCounts> ratings, Optional<GateReading> gate,
                        Optional<ServedVersion> served) {
    public RunReport {
        Objects.requireNonNull(decision, "decision");
        phases = phases.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(phases));
        Objects.requireNonNull(runTime, "run time");
        Objects.requireNonNull(finishedAt, "finished at");
        Objects.requireNonNull(ratings, "ratings");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(served, "served");
    }

    /** Valid ratings read and bad lines tolerated. */
    public record RatingCounts(long read, long badLines) {
    }

    /**
     * The candidate's value of the gate metric on the holdout and its lift: that value over the most-popular
     * list's on the same holdout (empty when there is no positive baseline, as for RMSE).
     */
    public record GateReading(String metric, double value, OptionalDouble lift) {
        public GateReading {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(lift, "lift");
        }
    }

    /** The version being served (the pointer's) and when it was created. */
    public record ServedVersion(String version, Instant createdAt) {
        public ServedVersion {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(createdAt, "created at");
        }

        /** Its age at {@code now}, never negative. */
        public Duration ageAt(Instant now) {
            Duration age = Duration.between(createdAt, now);
            return age.isNegative() ? Duration.ZERO : age;
        }
    }
}
