package io.freshet.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Who rated what, counted on the executors: how many ratings, distinct users and distinct items, and every item's
 * rating count (popularity). The driver holds what grows with the items only: the popularity list. The items each
 * user rated (seen.bin, the evaluation's exclusions) stay on the executors, in the ratings frame.
 */
public final class RatingIndex {
    private final long ratings;
    private final long users;
    private final int[] popularItems;
    private final int[] popularCounts;

    RatingIndex(long ratings, long users, int[] popularItems, int[] popularCounts) {
        this.ratings = ratings;
        this.users = users;
        this.popularItems = popularItems;
        this.popularCounts = popularCounts;
    }

    /** Indexes the {@code user} and {@code item} int columns of {@code ratings} (two aggregations on the executors). */
    public static RatingIndex of(Dataset<Row> ratings) {
        long[] popularity = popularity(ratings);
        long users = ratings.agg(countDistinct(col(RatingSchema.USER))).first().getLong(0);
        int[] items = new int[popularity.length];
        int[] counts = new int[popularity.length];
        long total = 0;
        for (int i = 0; i < popularity.length; i++) {
            items[i] = (int) popularity[i] ^ Integer.MIN_VALUE;
            counts[i] = Integer.MAX_VALUE - (int) (popularity[i] >> 32);
            total += counts[i];
        }
        return new RatingIndex(total, users, items, counts);
    }

    /** The item ids of {@code ratings} by descending rating count, ties by ascending id (one aggregation). */
    public static int[] popularItems(Dataset<Row> ratings) {
        long[] popularity = popularity(ratings);
        int[] items = new int[popularity.length];
        for (int i = 0; i < popularity.length; i++) {
            items[i] = (int) popularity[i] ^ Integer.MIN_VALUE;
        }
        return items;
    }

    /** Each item's rating count as (Integer.MAX_VALUE - count, item) packed, ascending: most rated first. */
    private static long[] popularity(Dataset<Row> ratings) {
        List<Row> perItem = ratings.groupBy(col(RatingSchema.ITEM)).agg(count(lit(1))).collectAsList();
        long[] byCount = new long[perItem.size()];
        for (int i = 0; i < byCount.length; i++) {
            Row r = perItem.get(i);
            byCount[i] = pack((int) (Integer.MAX_VALUE - Math.min(r.getLong(1), Integer.MAX_VALUE)), r.getInt(0));
        }
        Arrays.sort(byCount);
        return byCount;
    }

    /** The ratings indexed, duplicates of a (user, item) pair included. */
    public long ratings() {
        return ratings;
    }

    /** Distinct users. */
    public long users() {
        return users;
    }

    /** Distinct items. */
    public long items() {
        return popularItems.length;
    }

    /** Item ids by descending rating count, ties by ascending id (a copy). */
    public int[] popularItems() {
        return popularItems.clone();
    }

    /** The rating count of each entry of {@link #popularItems()} (a copy). */
    public int[] popularCounts() {
        return popularCounts.clone();
    }

    /** Two ints as one long whose signed order is the order of (high, low) as signed ints. */
    private static long pack(int high, int low) {
        return ((long) high << 32) | ((low ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL);
    }
}
