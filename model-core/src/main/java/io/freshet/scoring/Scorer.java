package io.freshet.scoring;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.io.Serializable;
import java.util.Arrays;

/** Interim plain scorer (replaced by the blocked vector scorer on the scoring branch). */
public final class Scorer implements Serializable {
    private final FactorMatrix users;
    private final FactorMatrix items;
    private final SeenItems seen;

    private Scorer(FactorMatrix users, FactorMatrix items, SeenItems seen) {
        this.users = users;
        this.items = items;
        this.seen = seen;
    }

    public static Scorer create(FactorMatrix users, FactorMatrix items, SeenItems seen) {
        return new Scorer(users, items, seen);
    }

    public int rank() {
        return users.rank();
    }

    public int userRow(int userId) {
        return users.rowOf(userId);
    }

    public int itemRow(int itemId) {
        return items.rowOf(itemId);
    }

    public float score(int userRow, int itemRow) {
        int k = users.rank();
        float s = 0;
        for (int i = 0; i < k; i++) {
            s += users.values()[userRow * k + i] * items.values()[itemRow * k + i];
        }
        return s;
    }

    public TopN[] topN(int[] userRows, int n, boolean excludeSeen) {
        return topN(userRows, n, excludeSeen, 1);
    }

    public TopN[] topN(int[] userRows, int n, boolean excludeSeen, int threads) {
        TopN[] out = new TopN[userRows.length];
        for (int u = 0; u < userRows.length; u++) {
            int[] skip = excludeSeen ? seen.itemsOf(users.id(userRows[u])) : new int[0];
            Integer[] order = new Integer[items.size()];
            float[] s = new float[items.size()];
            int m = 0;
            for (int i = 0; i < items.size(); i++) {
                if (Arrays.binarySearch(skip, items.id(i)) >= 0) {
                    continue;
                }
                s[i] = score(userRows[u], i);
                order[m++] = i;
            }
            Integer[] kept = Arrays.copyOf(order, m);
            Arrays.sort(kept, (a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(a, b));
            int k = Math.min(n, m);
            int[] ids = new int[k];
            float[] sc = new float[k];
            for (int i = 0; i < k; i++) {
                ids[i] = items.id(kept[i]);
                sc[i] = s[kept[i]];
            }
            out[u] = new TopN(ids, sc);
        }
        return out;
    }

    public static String kernelName() {
        return "scalar";
    }
}
