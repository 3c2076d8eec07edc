package io.freshet.scoring;

/**
 * The running top-N of one user during a scan: a bounded min-heap on (score, then descending item row), so its
 * root is the worst entry kept, and {@link #threshold()} is the score a new item must reach to be looked at.
 * Item rows must be offered in ascending order; that lets the seen-item check be a merge with the user's sorted
 * seen rows. Not thread-safe: one scan owns it.
 */
final class UserTopN {
    /** A placeholder that accepts nothing: pads a group of users to the kernel's group size. */
    static final UserTopN CLOSED = new UserTopN(0, new int[0], 0, 0);

    private final int n;
    private final float[] scores;
    private final int[] rows;
    private int size;
    private float threshold;
    private final int[] seenRows;
    private int seenAt;
    private final int seenEnd;

    /**
     * @param n        how many items to keep
     * @param seenRows ascending item rows to skip, the user's run being {@code seenRows[seenFrom..seenTo)}
     */
    UserTopN(int n, int[] seenRows, int seenFrom, int seenTo) {
        this.n = n;
        this.scores = new float[n];
        this.rows = new int[n];
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
                if (!seen(row)) {
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

    private void offer(float score, int row) {
        if (size < n) {
            int at = size++;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (!worse(score, row, scores[parent], rows[parent])) {
                    break;
                }
                scores[at] = scores[parent];
                rows[at] = rows[parent];
                at = parent;
            }
            scores[at] = score;
            rows[at] = row;
            if (size == n) {
                threshold = scores[0];
            }
        } else if (n > 0 && worse(scores[0], rows[0], score, row)) {
            siftDownFromRoot(score, row);
            threshold = scores[0];
        }
    }

    private void siftDownFromRoot(float score, int row) {
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(scores[child + 1], rows[child + 1], scores[child], rows[child])) {
                child++;
            }
            if (!worse(scores[child], rows[child], score, row)) {
                break;
            }
            scores[at] = scores[child];
            rows[at] = rows[child];
            at = child;
        }
        scores[at] = score;
        rows[at] = row;
    }

    /** Whether entry a ranks below entry b: lower score, or the same score and a higher item row. */
    private static boolean worse(float scoreA, int rowA, float scoreB, int rowB) {
        return scoreA < scoreB || (scoreA == scoreB && rowA > rowB);
    }

    /** The kept entries best first, with rows mapped to item ids (rows ascend with ids). Empties the heap. */
    TopN drainTo(int[] itemIds) {
        int[] ids = new int[size];
        float[] best = new float[size];
        for (int i = size - 1; i >= 0; i--) {
            ids[i] = itemIds[rows[0]];
            best[i] = scores[0];
            size--;
            if (size > 0) {
                siftDownFromRoot(scores[size], rows[size]);
            }
        }
        threshold = n == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        return new TopN(ids, best);
    }
}
