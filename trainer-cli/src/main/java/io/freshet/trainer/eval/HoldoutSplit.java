package io.freshet.trainer.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.xxhash64;

import io.freshet.BadInputException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Ratings split into a training part and a held-out part (docs/metrics.md, "The holdout"). Both parts are
 * cached; {@link #release()} drops them.
 *
 * <p>{@code random}: a rating is held out when a hash of (user, item, seed) falls below the fraction, so the
 * same rating lands on the same side in every run with the same seed: when the input grows, what an earlier
 * version was evaluated on stays out of what a later one is trained on, and the current version is never
 * scored on ratings it was fitted on. {@code time}: the latest {@code floor(fraction x n)} of each user's n
 * ratings (ties by item id, then rating), so every user keeps at least one rating for training; for input
 * that only grows by newer ratings, a rating held out today was held out yesterday too.
 *
 * @param mode the split made: {@link SplitMode#RANDOM} or {@link SplitMode#TIME}, never AUTO
 */
public record HoldoutSplit(Dataset<Row> train, Dataset<Row> holdout, SplitMode mode, double fraction) {
    /** Two to the power 53: a 53-bit hash divided by it is uniform in [0, 1). */
    private static final double TWO_POW_53 = 0x1p53;
    /** Guards floor(n x fraction) against products like 0.29 x 100 = 28.999999999999996. */
    private static final double FLOOR_EPSILON = 1e-9;

    /**
     * Splits {@code ratings} (columns user, item, rating, timestamp).
     *
     * @param hasTimestamps whether every rating has a timestamp; AUTO splits by time only then
     * @throws IllegalArgumentException for a TIME split of ratings without timestamps, or a fraction outside (0, 1)
     */
    public static HoldoutSplit of(Dataset<Row> ratings, boolean hasTimestamps, double fraction, SplitMode mode,
                                  long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("holdout fraction must be in (0, 1), got " + fraction);
        }
        SplitMode resolved = mode == SplitMode.AUTO ? (hasTimestamps ? SplitMode.TIME : SplitMode.RANDOM) : mode;
        if (resolved == SplitMode.TIME && !hasTimestamps) {
            throw new BadInputException("--holdout-by time needs a timestamp on every rating; this input has "
                    + "ratings without one (use --holdout-by random)");
        }
        Column held = resolved == SplitMode.TIME ? latestOfEachUser(fraction) : uniform(seed, "holdout").lt(fraction);
        Dataset<Row> marked = ratings.withColumn("_held", held);
        Dataset<Row> train = marked.filter(col("_held").equalTo(false)).drop("_held").cache();
        Dataset<Row> holdout = marked.filter(col("_held")).drop("_held").cache();
        return new HoldoutSplit(train, holdout, resolved, fraction);
    }

    /**
     * A number in [0, 1) determined by (user, item, seed, salt): the same rating gets the same number in every
     * run, whatever the partitioning. Different salts give independent numbers (holdout and folds).
     */
    static Column uniform(long seed, String salt) {
        return shiftrightunsigned(xxhash64(col("user"), col("item"), lit(seed), lit(salt)), 11).cast("double")
                .divide(TWO_POW_53);
    }

    private static Column latestOfEachUser(double fraction) {
        WindowSpec byUser = Window.partitionBy("user");
        // Ties broken down to the rating, so rows that tie are identical and the split is the same on a recompute.
        WindowSpec latestFirst = byUser.orderBy(col("timestamp").desc(), col("item").desc(), col("rating").desc());
        Column position = row_number().over(latestFirst);
        Column held = floor(count(lit(1)).over(byUser).multiply(fraction).plus(FLOOR_EPSILON));
        return position.leq(held);
    }

    public void release() {
        train.unpersist();
        holdout.unpersist();
    }
}
