package io.freshet.scoring;

/**
 * The running top-N of one user during a scan: a bounded heap of (score, row) packed into sortable longs, whose
 * root is the worst entry kept, and {@link #threshold()} is the score a new item must reach to be looked at.
 * Item rows must be offered in ascending order; that lets the seen-item check be a merge with the user's sorted
 * seen rows (the rows it must skip: seen items, and those an {@link ItemFilter} excludes), and the candidate check,
 * when the list has a candidate set, a merge with its sorted candidate rows. Not thread-safe: one scan owns it.
 */
final class UserTopN {
    /** A placeholder that accepts nothing: pads a group of users to the kernel's group size. */
    static final UserTopN CLOSED = new UserTopN(0, new int[0], 0, 0);

    private final int n;
    /** A max-heap of {@link #key} values: the root is the worst entry kept. */
    private final long[] keys;
    private int size;
    private float threshold;
    private final int[] seenRows;
    private int seenAt;
    private final int seenEnd;
    /** Ascending item rows that alone may enter, or null for every row. */
    private final int[] candidateRows;
    private int candidateAt;
    /** Rows that may enter, as bits, or null for every row. */
    private final long[] availableRows;

    /**
     * @param n        how many items to keep
     * @param seenRows ascending item rows to skip, the user's run being {@code seenRows[seenFrom..seenTo)}
     */
    UserTopN(int n, int[] seenRows, int seenFrom, int seenTo) {
        this(n, seenRows, seenFrom, seenTo, null);
    }

    /**
     * As {@link #UserTopN(int, int[], int, int)}, and only the ascending {@code candidateRows} may enter (null for
     * every row).
     */
    UserTopN(int n, int[] seenRows, int seenFrom, int seenTo, int[] candidateRows) {
        this(n, seenRows, seenFrom, seenTo, candidateRows, null);
    }

    /**
     * As {@link #UserTopN(int, int[], int, int, int[])}, and only rows whose bit is set in {@code availableRows}
     * (bit {@code r % 64} of word {@code r / 64}; null for every row) may enter.
     */
    UserTopN(int n, int[] seenRows, int seenFrom, int seenTo, int[] candidateRows, long[] availableRows) {
        this.n = n;
        this.candidateRows = candidateRows;
        this.availableRows = availableRows;
        this.keys = new long[n];
        this.threshold = n == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        this.seenRows = seenRows;
        this.seenAt = seenFrom;
        this.seenEnd = seenTo;
    }

    /**
     * The lowest score that can still enter: minus infinity until N items are kept, then the N-th best score.
     * A score equal to it may still enter on the tie rule, so kernels pass lanes {@code >= threshold()}.
     */
    float threshold() {
        return threshold;
    }

    /**
     * Offers the lanes whose bits are set in {@code lanesToOffer}: lane {@code i} is item row
     * {@code firstRow + i} with score {@code lanes[from + i]}.
     */
    void offerLanes(float[] lanes, int from, int firstRow, int lanesToOffer) {
        for (int bits = lanesToOffer; bits != 0; bits &= bits - 1) {
            int lane = Integer.numberOfTrailingZeros(bits);
            float score = lanes[from + lane];
            if (score >= threshold) {
                int row = firstRow + lane;
                if (!seen(row) && candidate(row)) {
                    offer(score, row);
                }
            }
        }
    }

    private boolean seen(int row) {
        while (seenAt < seenEnd && seenRows[seenAt] < row) {
            seenAt++;
        }
        return seenAt < seenEnd && seenRows[seenAt] == row;
    }

    private boolean candidate(int row) {
        if (availableRows != null && (availableRows[row >>> 6] & (1L << row)) == 0) {
            return false;
        }
        if (candidateRows == null) {
            return true;
        }
        while (candidateAt < candidateRows.length && candidateRows[candidateAt] < row) {
            candidateAt++;
        }
        return candidateAt < candidateRows.length && candidateRows[candidateAt] == row;
    }

    private void offer(float score, int row) {
        long key = key(score, row);
        if (size < n) {
            int at = size++;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (keys[parent] >= key) {
                    break;
                }
                keys[at] = keys[parent];
                at = parent;
            }
            keys[at] = key;
            if (size == n) {
                threshold = score(keys[0]);
            }
        } else if (key < keys[0]) {
            siftDownFromRoot(key);
            threshold = score(keys[0]);
        }
    }

    private void siftDownFromRoot(long key) {
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && keys[child + 1] > keys[child]) {
                child++;
            }
            if (keys[child] <= key) {
                break;
            }
            keys[at] = keys[child];
            at = child;
        }
        keys[at] = key;
    }

    /**
     * A key whose signed order is descending score, then ascending row, so the heap's root (its largest key) is
     * the worst entry kept: the score's bits mapped to an int that orders like the float (minus zero folded into
     * zero), complemented, in the high half; the row in the low half.
     */
    static long key(float score, int row) {
        int bits = Float.floatToRawIntBits(score + 0.0f);
        int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
        return ((long) ~ordered << 32) | row;
    }

    static float score(long key) {
        int ordered = ~(int) (key >> 32);
        return Float.intBitsToFloat(ordered ^ ((ordered >> 31) & 0x7fffffff));
    }

    /** The kept entries best first, with rows mapped to item ids (rows ascend with ids). Empties the heap. */
    TopN drainTo(int[] itemIds) {
        int[] ids = new int[size];
        float[] best = new float[size];
        for (int i = size - 1; i >= 0; i--) {
            ids[i] = itemIds[(int) keys[0]];
            best[i] = score(keys[0]);
            size--;
            if (size > 0) {
                siftDownFromRoot(keys[size]);
            }
        }
        threshold = n == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        return new TopN(ids, best);
    }
}
