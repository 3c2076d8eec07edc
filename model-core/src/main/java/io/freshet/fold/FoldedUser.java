package io.freshet.fold;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One user's fold-in state: the ratings that arrived through the stream (item ids and raw ratings, one per item,
 * the latest kept), the vector solved from them (and the user's training ratings) against version
 * {@code version}, and when the user was last active. Immutable; what streaming state keeps per user.
 *
 * @param vector  the folded vector, or null when the version could not fold (its items are unknown to it, or the
 *                version cannot fold at all)
 * @param lastActive epoch milliseconds of the user's last rating or request (the batch time)
 */
public record FoldedUser(int user, int[] items, float[] ratings, float[] vector, String version, long lastActive)
        implements Serializable {
    public FoldedUser {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException("folded ratings: " + items.length + " items, " + ratings.length
                    + " ratings");
        }
    }

    public int count() {
        return items.length;
    }

    /** Whether the user rated {@code item} through the stream. */
    public boolean rated(int item) {
        for (int i : items) {
            if (i == item) {
                return true;
            }
        }
        return false;
    }

    /** The stream-rated item ids, ascending. */
    public int[] sortedItems() {
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    public FoldedUser touched(long time) {
        return new FoldedUser(user, items, ratings, vector, version, Math.max(lastActive, time));
    }
}
