package io.freshet.trainer.eval;

import io.freshet.PrimitiveList;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The held-out ratings on the driver, by user: what the ranking metrics compare top-k lists with. Users are
 * ascending; each user's items ascending, with their ratings.
 */
public final class HeldOut {
    private final int[] users;
    private final int[] offsets;
    private final int[] items;
    private final float[] ratings;

    HeldOut(int[] users, int[] offsets, int[] items, float[] ratings) {
        if (offsets.length != users.length + 1 || items.length != ratings.length
                || offsets[users.length] != items.length) {
            throw new IllegalArgumentException("held-out offsets do not match " + users.length + " users and "
                    + items.length + " ratings");
        }
        this.users = users;
        this.offsets = offsets;
        this.items = items;
        this.ratings = ratings;
    }

    /** Brings the held-out ratings (columns user, item, rating) to the driver. */
    public static HeldOut collect(Dataset<Row> holdout) {
        Iterator<Row> rows = holdout.select("user", "item", "rating").orderBy("user", "item").toLocalIterator();
        PrimitiveList.Ints userIds = new PrimitiveList.Ints();
        PrimitiveList.Ints starts = new PrimitiveList.Ints();
        PrimitiveList.Ints itemIds = new PrimitiveList.Ints();
        PrimitiveList.Floats values = new PrimitiveList.Floats();
        while (rows.hasNext()) {
            Row r = rows.next();
            int user = r.getInt(0);
            if (userIds.size() == 0 || userIds.get(userIds.size() - 1) != user) {
                userIds.add(user);
                starts.add(itemIds.size());
            }
            values.add(((Number) r.get(2)).floatValue());
            itemIds.add(r.getInt(1));
        }
        starts.add(itemIds.size());
        return new HeldOut(userIds.toArray(), starts.toArray(), itemIds.toArray(), values.toArray());
    }

    /** Distinct users with held-out ratings. */
    public int users() {
        return users.length;
    }

    /** Held-out ratings in all. */
    public int ratings() {
        return items.length;
    }

    public int user(int index) {
        return users[index];
    }

    /**
     * The relevant items of the user at {@code index}, ascending: every held-out item when {@code threshold} is
     * NaN (implicit feedback), else those rated at least {@code threshold}.
     */
    public int[] relevant(int index, double threshold) {
        int from = offsets[index];
        int to = offsets[index + 1];
        int[] out = new int[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Double.isNaN(threshold) || ratings[i] >= threshold) {
                out[n++] = items[i];
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
