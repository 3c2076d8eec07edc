package io.freshet.trainer.eval;

import io.freshet.store.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The quality gate's decision, a pure function of the candidate's metrics, its factors' finiteness and the
 * current version's value of the gate metric on the same holdout (docs/metrics.md, "The quality gate").
 *
 * <p>Refused when the factors hold NaN or Inf; when the candidate's user coverage is below the minimum; when
 * the gate metric could not be computed for it; when it is below {@code --min-lift} times the most-popular
 * list's value of the same (ranking) metric on the same holdout; or when it is worse than current's by more than the
 * tolerance, relative: below {@code current x (1 - tolerance)} for a metric where larger is better, above
 * {@code current x (1 + tolerance)} for RMSE and MAE. Without a current version, or when current's value
 * cannot be computed, only the checks on the candidate alone apply. A refusal is {@code forced} under
 * --force, except for non-finite factors, which cannot be served.
 */
public final class QualityGate {
    private QualityGate() {
    }

    /** The current version as the gate sees it: its id and its value of the gate metric, if it could be computed. */
    public record Current(String id, OptionalDouble value) {
        public Current {
            Objects.requireNonNull(id, "current version id");
            Objects.requireNonNull(value, "current value");
        }
    }

    /** The outcome: the manifest status ({@code accepted}, {@code rejected} or {@code forced}) and the decision. */
    public record Verdict(String status, Manifest.GateDecision decision) {
        /** True when the version may be promoted: accepted, or refused and forced. */
        public boolean promotable() {
            return !Manifest.REJECTED.equals(status);
        }

        /** This verdict with one more reason to refuse, one that --force cannot override. */
        public Verdict refusedFor(String reason) {
            Manifest.GateDecision d = decision;
            List<String> reasons = new ArrayList<>(d.reasons());
            reasons.add(reason);
            return new Verdict(Manifest.REJECTED, new Manifest.GateDecision(false, d.metric(), d.candidate(),
                    d.current(), d.currentId(), d.tolerance(), d.baseline(), d.minLift(), reasons));
        }
    }

    public static Verdict decide(GateSettings settings, Map<String, Double> candidate, Optional<String> nonFinite,
                                 Optional<Current> current) {
        String metric = settings.metric();
        List<String> reasons = new ArrayList<>();
        nonFinite.ifPresent(reasons::add);
        Double value = candidate.get(metric);
        if (nonFinite.isEmpty()) {
            Double coverage = candidate.get(MetricNames.USER_COVERAGE);
            if (coverage == null || coverage < settings.minUserCoverage()) {
                reasons.add("user coverage " + format(coverage) + " is below --min-user-coverage "
                        + settings.minUserCoverage() + ": the model cannot score that many of the holdout users");
            }
            if (value == null) {
                reasons.add(metric + " could not be computed on the holdout (no held-out rating the model can score)");
            }
        }
        Double baseline = candidate.get(MetricNames.BASELINE + metric);
        if (value != null && baseline != null && settings.minLift() > 0 && value < settings.minLift() * baseline) {
            reasons.add(metric + " " + format(value) + " is " + String.format(Locale.ROOT, "%.2f", value / baseline)
                    + "x the most-popular list's " + format(baseline) + " on the same holdout, below --min-lift "
                    + settings.minLift() + ": the model ranks no better than a bestseller list (try the default "
                    + "--objective ranking, `trainer tune`, or more ratings per user)");
        }
        Double currentValue = current.flatMap(c -> c.value().isPresent()
                ? Optional.of(c.value().getAsDouble()) : Optional.empty()).orElse(null);
        if (value != null && currentValue != null && worse(metric, value, currentValue, settings.tolerance())) {
            reasons.add(metric + " " + format(value) + " is " + relativeChange(value, currentValue)
                    + " than current version " + current.get().id() + "'s " + format(currentValue)
                    + " on the same holdout, beyond --gate-tolerance " + settings.tolerance());
        }
        String status = reasons.isEmpty() ? Manifest.ACCEPTED
                : settings.force() && nonFinite.isEmpty() ? Manifest.FORCED : Manifest.REJECTED;
        return new Verdict(status, new Manifest.GateDecision(reasons.isEmpty(), metric, value, currentValue,
                current.map(Current::id).orElse(null), settings.tolerance(), baseline,
                baseline == null ? null : settings.minLift(), reasons));
    }

    /** True when {@code candidate} is worse than {@code current} by more than {@code tolerance}, relative. */
    static boolean worse(String metric, double candidate, double current, double tolerance) {
        if (MetricNames.lowerIsBetter(metric)) {
            return candidate > current * (1 + tolerance);
        }
        return candidate < current * (1 - tolerance);
    }

    private static String relativeChange(double candidate, double current) {
        if (current == 0) {
            return "worse";
        }
        return String.format(Locale.ROOT, "%.1f%% worse", 100 * Math.abs(candidate - current) / Math.abs(current));
    }

    static String format(Double v) {
        return v == null ? "(none)" : String.format(Locale.ROOT, "%.6f", v);
    }
}
