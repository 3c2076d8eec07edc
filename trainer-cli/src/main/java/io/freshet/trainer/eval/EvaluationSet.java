package io.freshet.trainer.eval;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * What every model of one run is scored on, kept on the executors: the held-out ratings (a frame for Spark's
 * evaluators) and, one row per holdout user, the user's relevant held-out items and the items the user rated in
 * the training part (which every model's list leaves out, so that all rank the same items). The driver holds three
 * counts.
 */
public final class EvaluationSet {
    static final String USER = "user";
    static final String RELEVANT = "relevant";
    static final String SEEN = "seen";

    private final Dataset<Row> frame;
    private final Dataset<Row> users;
    private final long ratings;
    private final long userCount;
    private final long usersWithRelevant;
    private final int k;
    private final boolean implicitPrefs;
    private final double relevanceThreshold;

    private EvaluationSet(Dataset<Row> frame, Dataset<Row> users, long ratings, long userCount, long usersWithRelevant,
                          int k, boolean implicitPrefs, double relevanceThreshold) {
        this.frame = frame;
        this.users = users;
        this.ratings = ratings;
        this.userCount = userCount;
        this.usersWithRelevant = usersWithRelevant;
        this.k = k;
        this.implicitPrefs = implicitPrefs;
        this.relevanceThreshold = relevanceThreshold;
    }

    /**
     * The set of {@code holdout} (columns user, item, rating) against the training part {@code train}; its users
     * are cached until {@link #release}.
     *
     * @param implicitPrefs      the models are implicit-feedback ALS (the ranking objective): they predict no rating
     * @param relevanceThreshold the rating from which a held-out item is relevant; NaN: every held-out item is
     */
    public static EvaluationSet of(Dataset<Row> holdout, Dataset<Row> train, int k, boolean implicitPrefs,
                                   double relevanceThreshold) {
        Column item = col("item");
        Column relevantItem = Double.isNaN(relevanceThreshold) ? item
                : when(col("rating").geq(relevanceThreshold), item);
        Dataset<Row> held = holdout.groupBy(col(USER))
                .agg(array_sort(collect_set(relevantItem)).as(RELEVANT), count(lit(1)).as("ratings"));
        Dataset<Row> seen = train.join(held.select(USER), USER, "left_semi").groupBy(col(USER))
                .agg(array_sort(collect_set(item)).as(SEEN));
        Dataset<Row> users = held.join(seen, held.col(USER).equalTo(seen.col(USER)), "left_outer")
                .select(held.col(USER).as(USER), col(RELEVANT),
                        coalesce(col(SEEN), array().cast(DataTypes.createArrayType(DataTypes.IntegerType))).as(SEEN),
                        col("ratings"))
                .cache();
        try {
            Row counts = users.agg(coalesce(sum(col("ratings")), lit(0L)), count(lit(1)),
                    coalesce(sum(when(size(col(RELEVANT)).gt(0), 1).otherwise(0)), lit(0L))).first();
            return new EvaluationSet(holdout, users.drop("ratings"), counts.getLong(0), counts.getLong(1),
                    counts.getLong(2), k, implicitPrefs, relevanceThreshold);
        } catch (RuntimeException e) {
            users.unpersist();
            throw e;
        }
    }

    /** The held-out ratings as a Spark frame. */
    public Dataset<Row> frame() {
        return frame;
    }

    /** One row per holdout user: {@code user} int, {@code relevant} and {@code seen} sorted int arrays. */
    Dataset<Row> users() {
        return users;
    }

    /** Held-out ratings in all. */
    public long heldOutRatings() {
        return ratings;
    }

    /** Distinct users with held-out ratings. */
    public long heldOutUsers() {
        return userCount;
    }

    /** The number of holdout users with at least one relevant item: those the ranking metrics average over. */
    public long usersWithRelevant() {
        return usersWithRelevant;
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

    /** Drops the cached users. */
    public void release() {
        users.unpersist();
    }
}
