package io.freshet.artifact;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The ratings a version's ALS model was fitted on, per user, as ALS saw their values before any objective's
 * shift (the raw rating): the ratings of {@code userIds[u]} are {@code items/ratings[offsets[u] .. offsets[u+1])},
 * items ascending (a repeated rating of one item appears as often as the input held it). Users strictly
 * ascending. What a fold-in re-solves a known user's vector from.
 */
public final class TrainedRatings implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final TrainedRatings EMPTY = new TrainedRatings(new int[0], new int[] {0}, new int[0], new float[0]);

    private final int[] userIds;
    private final int[] offsets;
    private final int[] items;
    private final float[] ratings;

    public TrainedRatings(int[] userIds, int[] offsets, int[] items, float[] ratings) {
        if (offsets.length != userIds.length + 1 || offsets[0] != 0 || offsets[userIds.length] != items.length
                || items.length != ratings.length) {
            throw new IllegalArgumentException("trained-rating offsets do not match " + userIds.length + " users, "
                    + items.length + " items and " + ratings.length + " ratings");
        }
        for (int u = 0; u < userIds.length; u++) {
            if (u > 0 && userIds[u] <= userIds[u - 1]) {
                throw new IllegalArgumentException("trained-rating users must be strictly ascending at row " + u);
            }
            if (offsets[u + 1] < offsets[u]) {
                throw new IllegalArgumentException("trained-rating offsets must not decrease at row " + u);
            }
        }
        this.userIds = userIds;
        this.offsets = offsets;
        this.items = items;
        this.ratings = ratings;
    }

    public static TrainedRatings empty() {
        return EMPTY;
    }

    /** The shards of one version in file order, as one: each shard's users must all follow the previous shard's. */
    public static TrainedRatings concat(List<TrainedRatings> shards) {
        if (shards.size() == 1) {
            return shards.get(0);
        }
        int users = 0;
        int entries = 0;
        for (TrainedRatings s : shards) {
            users += s.users();
            entries = Math.addExact(entries, s.items.length);
        }
        int[] ids = new int[users];
        int[] offs = new int[users + 1];
        int[] its = new int[entries];
        float[] vals = new float[entries];
        int u = 0;
        int e = 0;
        for (TrainedRatings s : shards) {
            System.arraycopy(s.userIds, 0, ids, u, s.users());
            for (int r = 0; r < s.users(); r++) {
                offs[u + r + 1] = e + s.offsets[r + 1];
            }
            System.arraycopy(s.items, 0, its, e, s.items.length);
            System.arraycopy(s.ratings, 0, vals, e, s.ratings.length);
            u += s.users();
            e += s.items.length;
        }
        return new TrainedRatings(ids, offs, its, vals); // checks the order across shards
    }

    public int users() {
        return userIds.length;
    }

    public long entries() {
        return items.length;
    }

    /** The row of a user, or -1 when the version was not fitted on any rating of the user. */
    public int rowOf(int userId) {
        int r = Arrays.binarySearch(userIds, userId);
        return r >= 0 ? r : -1;
    }

    public int from(int row) {
        return offsets[row];
    }

    public int to(int row) {
        return offsets[row + 1];
    }

    /** Whether the user at {@code row} has a rating of {@code item}. */
    public boolean contains(int row, int item) {
        return Arrays.binarySearch(items, offsets[row], offsets[row + 1], item) >= 0;
    }

    public int item(int index) {
        return items[index];
    }

    public float rating(int index) {
        return ratings[index];
    }

    int[] userIds() {
        return userIds;
    }

    int[] offsets() {
        return offsets;
    }

    int[] itemArray() {
        return items;
    }

    float[] ratingArray() {
        return ratings;
    }
}
