package io.freshet.trainer.eval;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What every model of one run is scored on: the held-out ratings (as a frame for Spark's evaluators and by
 * user on the driver for the ranking metrics), each holdout user's relevant items, and k.
 */
public final class EvaluationSet {
    private final Dataset<Row> frame;
    private final HeldOut heldOut;
    private final int[][] relevant;
    private final int k;
    private final boolean implicitPrefs;
    private final double relevanceThreshold;

    private EvaluationSet(Dataset<Row> frame, HeldOut heldOut, int k, boolean implicitPrefs,
                          double relevanceThreshold) {
        this.frame = frame;
        this.heldOut = heldOut;
        this.k = k;
        this.implicitPrefs = implicitPrefs;
        this.relevanceThreshold = relevanceThreshold;
        this.relevant = new int[heldOut.users()][];
        for (int u = 0; u < relevant.length; u++) {
            relevant[u] = heldOut.relevant(u, relevanceThreshold);
        }
    }

    /**
     * Collects {@code holdout} (columns user, item, rating) to the driver.
     *
     * @param implicitPrefs      the models are implicit-feedback ALS (the ranking objective): they predict no rating
     * @param relevanceThreshold the rating from which a held-out item is relevant; NaN: every held-out item is
     */
    public static EvaluationSet of(Dataset<Row> holdout, int k, boolean implicitPrefs, double relevanceThreshold) {
        return new EvaluationSet(holdout, HeldOut.collect(holdout), k, implicitPrefs, relevanceThreshold);
    }

    /** The held-out ratings as a Spark frame. */
    public Dataset<Row> frame() {
        return frame;
    }

    public HeldOut heldOut() {
        return heldOut;
    }

    /** The relevant items of the holdout user at {@code index}, ascending; empty when none is. */
    public int[] relevant(int index) {
        return relevant[index];
    }

    /** Every holdout user's relevant items, in the order of {@link HeldOut} (shared: do not modify). */
    int[][] relevantSets() {
        return relevant;
    }

    /** The number of holdout users with at least one relevant item: those the ranking metrics average over. */
    public int usersWithRelevant() {
        int n = 0;
        for (int[] r : relevant) {
            n += r.length > 0 ? 1 : 0;
        }
        return n;
    }

    public int k() {
        return k;
    }

    public boolean implicitPrefs() {
        return implicitPrefs;
    }

    /** The relevance threshold, or null when every held-out item is relevant (as the manifest records it). */
    public Double relevanceThreshold() {
        return Double.isNaN(relevanceThreshold) ? null : relevanceThreshold;
    }
}
