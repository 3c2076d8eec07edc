package io.freshet.trainer.eval;

import java.util.LinkedHashSet;
import java.util.Set;

/** The names under which metrics go into a manifest (docs/metrics.md), and which way each one is better. */
public final class MetricNames {
    public static final String RMSE = "rmse";
    public static final String MAE = "mae";
    public static final String CATALOG_COVERAGE = "catalog_coverage";
    public static final String USER_COVERAGE = "user_coverage";
    /** Prefix of the most-popular baseline's ranking metrics, e.g. {@code baseline.ndcg@10}. */
    public static final String BASELINE = "baseline.";

    private MetricNames() {
    }

    public static String precision(int k) {
        return "precision@" + k;
    }

    public static String recall(int k) {
        return "recall@" + k;
    }

    public static String ndcg(int k) {
        return "ndcg@" + k;
    }

    public static String map(int k) {
        return "map@" + k;
    }

    /** precision@k, recall@k, ndcg@k and map@k (of the model or the baseline): metrics over relevant items. */
    public static boolean isRanking(String metric) {
        String name = metric.startsWith(BASELINE) ? metric.substring(BASELINE.length()) : metric;
        return name.startsWith("precision@") || name.startsWith("recall@") || name.startsWith("ndcg@")
                || name.startsWith("map@");
    }

    /** RMSE and MAE: an error, so smaller is better. Every other metric is better when larger. */
    public static boolean lowerIsBetter(String metric) {
        return metric.equals(RMSE) || metric.equals(MAE);
    }

    /** The metrics a model is evaluated on, and so the ones the gate and tune may use. */
    public static Set<String> of(int k, boolean implicitPrefs) {
        Set<String> names = new LinkedHashSet<>();
        if (!implicitPrefs) {
            names.add(RMSE);
            names.add(MAE);
        }
        names.add(precision(k));
        names.add(recall(k));
        names.add(ndcg(k));
        names.add(map(k));
        names.add(CATALOG_COVERAGE);
        names.add(USER_COVERAGE);
        return names;
    }

    /** Checks that {@code metric} is computed for such a fit; IllegalArgumentException naming the choices if not. */
    public static void requireKnown(String metric, int k, boolean implicitPrefs) {
        Set<String> names = of(k, implicitPrefs);
        if (!names.contains(metric)) {
            throw new IllegalArgumentException("--gate-metric must be one of " + String.join(", ", names)
                    + (implicitPrefs ? " (no rmse or mae with --implicit-prefs)" : "") + ", got " + metric);
        }
    }
}
