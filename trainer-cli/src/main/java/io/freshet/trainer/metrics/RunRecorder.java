package io.freshet.trainer.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Collects what a training run learns as it goes, for its {@link RunReport}: the time of each phase, the ratings
 * read, the gate's numbers, the pointer decision, the served version. Thread-safe; one recorder per run.
 */
public final class RunRecorder {
    private final long startNanos = System.nanoTime();
    private final Map<Phase, Long> phaseNanos = new EnumMap<>(Phase.class);
    private PointerDecision decision = PointerDecision.NONE;
    private RunReport.RatingCounts ratings;
    private RunReport.GateReading gate;
    private RunReport.ServedVersion served;

    /** Runs {@code work}, adding the time it takes to {@code phase} (whether it returns or throws). */
    public <T> T time(Phase phase, Supplier<T> work) {
        long t = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(phase, System.nanoTime() - t);
        }
    }

    /** Adds {@code nanos} to the time of {@code phase}. */
    public synchronized void add(Phase phase, long nanos) {
        phaseNanos.merge(phase, nanos, Long::sum);
    }

    public synchronized void ratings(long read, long badLines) {
        ratings = new RunReport.RatingCounts(read, badLines);
    }

    public synchronized void gate(String metric, double value, OptionalDouble lift) {
        gate = new RunReport.GateReading(metric, value, lift);
    }

    public synchronized void decision(PointerDecision made) {
        decision = made;
    }

    public synchronized void served(String version, Instant createdAt) {
        served = new RunReport.ServedVersion(version, createdAt);
    }

    /** The report of the run, ended now with {@code exitCode}. */
    public synchronized RunReport finish(int exitCode, Instant now) {
        Map<Phase, Duration> phases = new EnumMap<>(Phase.class);
        phaseNanos.forEach((p, n) -> phases.put(p, Duration.ofNanos(n)));
        return new RunReport(exitCode, decision, phases, Duration.ofNanos(System.nanoTime() - startNanos), now,
                Optional.ofNullable(ratings), Optional.ofNullable(gate), Optional.ofNullable(served));
    }
}
