package io.freshet.trainer;

import io.freshet.trainer.eval.EvaluationSettings;
import io.freshet.trainer.eval.GateSettings;
import io.freshet.trainer.eval.MetricNames;
import io.freshet.trainer.eval.SplitMode;
import picocli.CommandLine.Option;

/** The holdout, metric and quality-gate options that {@code fit} and {@code tune} share (docs/metrics.md). */
final class EvaluationOptions {
    @Option(names = "--holdout", defaultValue = "0.2", paramLabel = "FRACTION",
            description = "Share of ratings held out to evaluate the fit on; 0 disables evaluation and the quality "
                    + "gate (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--holdout-by", defaultValue = "auto", paramLabel = "MODE",
            description = "auto, random or time: time holds out the latest ratings of each user; auto does so when "
                    + "every rating has a timestamp, else random (default: ${DEFAULT-VALUE}).")
    SplitMode holdoutBy;

    @Option(names = "--eval-k", defaultValue = "10", paramLabel = "K",
            description = "Cut-off of the ranking metrics (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--relevance-threshold", paramLabel = "RATING",
            description = "A held-out item is relevant when rated at least this (default: 80%% of the input's largest "
                    + "rating; with --implicit-prefs every held-out item is).")
    Double relevanceThreshold;

    @Option(names = "--refit-all",
            description = "After the gate passes, refit on all ratings (holdout included) and publish that model.")
    boolean refitAll;

    @Option(names = "--gate-metric", paramLabel = "METRIC",
            description = "Metric the gate compares with the current version: rmse, mae, precision@K, recall@K, "
                    + "ndcg@K, map@K, catalog_coverage or user_coverage (default: ndcg@K).")
    String gateMetric;

    @Option(names = "--gate-tolerance", defaultValue = "0.02", paramLabel = "FRACTION",
            description = "Refuse a model worse than current by more than this, relative (default: ${DEFAULT-VALUE}).")
    double gateTolerance;

    @Option(names = "--min-user-coverage", defaultValue = "0.5", paramLabel = "FRACTION",
            description = "Refuse a model that can score less than this share of the holdout users "
                    + "(default: ${DEFAULT-VALUE}).")
    double minUserCoverage;

    @Option(names = "--min-lift", defaultValue = "1.0", paramLabel = "RATIO",
            description = "Refuse a model whose gate metric is below this times the most-popular list's on the same "
                    + "holdout (ranking metrics; 0 turns the check off; default: ${DEFAULT-VALUE}).")
    double minLift;

    @Option(names = "--force", description = "Promote the model even when the gate refuses it (status forced).")
    boolean force;

    EvaluationSettings evaluation() {
        return new EvaluationSettings(holdout, holdoutBy, k, relevanceThreshold, refitAll);
    }

    GateSettings gate() {
        String metric = gateMetric != null ? gateMetric : MetricNames.ndcg(k);
        return new GateSettings(metric, gateTolerance, minUserCoverage, minLift, force);
    }
}
