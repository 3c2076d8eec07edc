package io.freshet.artifact;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The items each user rated in the training data, as compressed rows: the items of {@code userIds[u]} are
 * {@code itemIds[offsets[u] .. offsets[u + 1])}, ascending. Users are strictly ascending. Used to exclude
 * already-seen items from top-N lists.
 */
public final class SeenItems implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final SeenItems EMPTY = new SeenItems(new int[0], new int[] {0}, new int[0]);

    private final int[] userIds;
    private final int[] offsets;
    private final int[] itemIds;

    public SeenItems(int[] userIds, int[] offsets, int[] itemIds) {
        if (offsets.length != userIds.length + 1 || offsets[0] != 0 || offsets[userIds.length] != itemIds.length) {
            throw new IllegalArgumentException("seen-item offsets do not match " + userIds.length + " users and "
                    + itemIds.length + " items");
        }
        for (int u = 0; u < userIds.length; u++) {
            if (u > 0 && userIds[u] <= userIds[u - 1]) {
                throw new IllegalArgumentException("seen-item users must be strictly ascending at row " + u);
            }
            if (offsets[u + 1] < offsets[u]) {
                throw new IllegalArgumentException("seen-item offsets must not decrease at row " + u);
            }
        }
        this.userIds = userIds;
        this.offsets = offsets;
        this.itemIds = itemIds;
    }

    public static SeenItems empty() {
        return EMPTY;
    }

    public int users() {
        return userIds.length;
    }

    public long entries() {
        return itemIds.length;
    }

    /** The ascending item ids the user has seen (a copy; empty for an unknown user). */
    public int[] itemsOf(int userId) {
        int u = Arrays.binarySearch(userIds, userId);
        return u < 0 ? new int[0] : Arrays.copyOfRange(itemIds, offsets[u], offsets[u + 1]);
    }

    public int[] userIds() {
        return userIds;
    }

    public int[] offsets() {
        return offsets;
    }

    public int[] itemIds() {
        return itemIds;
    }
}
