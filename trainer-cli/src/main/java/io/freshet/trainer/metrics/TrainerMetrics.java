package io.freshet.trainer.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RunReport} as Prometheus metric families, the names and meanings of docs/operations.md ("Trainer
 * metrics"). A family whose value the run never learned (a run that failed before reading, say) is left out
 * rather than written as zero.
 */
public final class TrainerMetrics {
    static final String PREFIX = "freshet_trainer_";

    private TrainerMetrics() {
    }

    public static MetricSnapshots of(RunReport report) {
        List<MetricSnapshot> families = new ArrayList<>();
        families.add(gauge("exit_code", "The trainer's exit code (docs/exit-codes.md): 0 done, 6 refused by the "
                + "quality gate, others failed.", report.exitCode()));
        GaugeSnapshot.Builder decision = GaugeSnapshot.builder().name(PREFIX + "gate_decision")
                .help("What the run did with the pointer: 1 for its decision (promoted, forced, refused, not_gated, "
                        + "no_promote, none), 0 for the others.");
        for (PointerDecision d : PointerDecision.values()) {
            decision.dataPoint(point(Labels.of("decision", d.label()), d == report.decision() ? 1 : 0));
        }
        families.add(decision.build());
        if (!report.phases().isEmpty()) {
            GaugeSnapshot.Builder phases = GaugeSnapshot.builder().name(PREFIX + "phase_duration_seconds")
                    .help("Time each phase of the run took (read, fit, evaluate, export, publish); a phase the run "
                            + "did not reach is absent.");
            for (Phase p : Phase.values()) {
                Duration d = report.phases().get(p);
                if (d != null) {
                    phases.dataPoint(point(Labels.of("phase", p.label()), seconds(d)));
                }
            }
            families.add(phases.build());
        }
        families.add(gauge("run_duration_seconds", "Time the whole run took, from the command's start.",
                seconds(report.runTime())));
        report.ratings().ifPresent(r -> {
            families.add(counter("ratings_read", "Valid ratings the run read.", r.read()));
            families.add(counter("bad_lines", "Malformed input lines the run tolerated (--max-bad-lines).",
                    r.badLines()));
        });
        report.gate().ifPresent(g -> {
            Labels metric = Labels.of("metric", g.metric());
            families.add(GaugeSnapshot.builder().name(PREFIX + "gate_metric_value")
                    .help("The candidate's value of the quality gate's metric on the holdout.")
                    .dataPoint(point(metric, g.value())).build());
            g.lift().ifPresent(lift -> families.add(GaugeSnapshot.builder().name(PREFIX + "gate_lift_ratio")
                    .help("The gate metric over the most-popular list's on the same holdout (--min-lift compares it).")
                    .dataPoint(point(metric, lift)).build()));
        });
        report.served().ifPresent(s -> families.add(GaugeSnapshot.builder()
                .name(PREFIX + "served_version_age_seconds")
                .help("Age of the version the pointer names when the run ended (since its creation).")
                .dataPoint(point(Labels.of("version", s.version()), seconds(s.ageAt(report.finishedAt())))).build()));
        families.add(gauge("last_run_timestamp_seconds", "When the run ended, in seconds since the epoch: an old "
                + "value means cron has not run the trainer since.", report.finishedAt().toEpochMilli() / 1000.0));
        return new MetricSnapshots(families);
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(PREFIX + name).help(help).dataPoint(point(Labels.EMPTY, value)).build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    /** A counter named without its {@code _total}, which the text format adds. */
    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(PREFIX + name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
