package io.freshet.scoring;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The items each user has seen, by row: for user row {@code u}, the ascending item rows
 * {@code rows[offsets[u] .. offsets[u + 1])}. Seen items that are not in the item factors are dropped (they can
 * never be recommended), and so are users not in the user factors.
 */
final class SeenRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] offsets;
    private final int[] rows;

    private SeenRows(int[] offsets, int[] rows) {
        this.offsets = offsets;
        this.rows = rows;
    }

    static SeenRows of(SeenItems seen, FactorMatrix users, FactorMatrix items) {
        int[] seenUsers = seen.userIds();
        int[] seenOffsets = seen.offsets();
        int[] seenItems = seen.itemIds();
        int[] itemIds = items.ids();
        int[] offsets = new int[users.size() + 1];
        int[] rows = new int[Math.toIntExact(seen.entries())];
        int count = 0;
        int s = 0;
        for (int u = 0; u < users.size(); u++) {
            int userId = users.id(u);
            while (s < seenUsers.length && seenUsers[s] < userId) {
                s++;
            }
            if (s < seenUsers.length && seenUsers[s] == userId) {
                int start = count;
                for (int k = seenOffsets[s]; k < seenOffsets[s + 1]; k++) {
                    int row = Arrays.binarySearch(itemIds, seenItems[k]);
                    if (row >= 0) {
                        rows[count++] = row;
                    }
                }
                count = start + sortedDistinct(rows, start, count);
            }
            offsets[u + 1] = count;
        }
        return new SeenRows(offsets, count == rows.length ? rows : Arrays.copyOf(rows, count));
    }

    /**
     * The seen rows of {@code users} (other users, against the same items): for each, the rows {@code base} holds
     * for the user of the same id in {@code baseUsers} (none for a user it does not know), with the rows of the
     * items {@code extra} lists for it added. What a batch of folded users excludes: their trained seen items and
     * those they rated since, without converting the trained rows back to ids.
     */
    static SeenRows merged(SeenRows base, FactorMatrix baseUsers, FactorMatrix users, int[][] extra,
                           FactorMatrix items) {
        if (extra.length != users.size()) {
            throw new IllegalArgumentException(extra.length + " extra seen lists for " + users.size() + " users");
        }
        int[] offsets = new int[users.size() + 1];
        int total = 0;
        int[] baseRows = new int[users.size()];
        for (int u = 0; u < users.size(); u++) {
            baseRows[u] = baseUsers.rowOf(users.id(u));
            total += (baseRows[u] < 0 ? 0 : base.to(baseRows[u]) - base.from(baseRows[u])) + extra[u].length;
        }
        int[] rows = new int[total];
        int count = 0;
        for (int u = 0; u < users.size(); u++) {
            int start = count;
            if (baseRows[u] >= 0) {
                int from = base.from(baseRows[u]);
                int length = base.to(baseRows[u]) - from;
                System.arraycopy(base.rows, from, rows, count, length);
                count += length;
            }
            for (int itemId : extra[u]) {
                int row = items.rowOf(itemId);
                if (row >= 0) {
                    rows[count++] = row;
                }
            }
            count = start + sortedDistinct(rows, start, count);
            offsets[u + 1] = count;
        }
        return new SeenRows(offsets, count == rows.length ? rows : Arrays.copyOf(rows, count));
    }

    /** Sorts {@code rows[from..to)} if needed and drops repeats; returns how many distinct rows are left. */
    private static int sortedDistinct(int[] rows, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (rows[k] <= rows[k - 1]) {
                Arrays.sort(rows, from, to);
                int kept = from == to ? 0 : 1;
                for (int j = from + 1; j < to; j++) {
                    if (rows[j] != rows[from + kept - 1]) {
                        rows[from + kept++] = rows[j];
                    }
                }
                return kept;
            }
        }
        return to - from;
    }

    static SeenRows none(int users) {
        return new SeenRows(new int[users + 1], new int[0]);
    }

    /** The ascending item rows seen (shared, do not modify); the user's run is {@link #from}..{@link #to}. */
    int[] rows() {
        return rows;
    }

    int from(int userRow) {
        return offsets[userRow];
    }

    int to(int userRow) {
        return offsets[userRow + 1];
    }
}
