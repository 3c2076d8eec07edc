package io.freshet.artifact;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Latent factors of one side of the model (users or items), packed: row {@code r} holds the factors of
 * {@code ids[r]} in {@code values[r * rank .. r * rank + rank)}. Ids are strictly ascending, so a row is found
 * by binary search. Arrays are owned by the matrix once constructed: callers do not change them.
 */
public final class FactorMatrix implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int rank;
    private final int[] ids;
    private final float[] values;

    public FactorMatrix(int rank, int[] ids, float[] values) {
        if (rank <= 0) {
            throw new IllegalArgumentException("rank must be positive, got " + rank);
        }
        if ((long) ids.length * rank != values.length) {
            throw new IllegalArgumentException("factor values length " + values.length + " is not ids (" + ids.length
                    + ") x rank (" + rank + ")");
        }
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("ids must be strictly ascending: id " + ids[i] + " at row " + i
                        + " follows " + ids[i - 1]);
            }
        }
        this.rank = rank;
        this.ids = ids;
        this.values = values;
    }

    public int rank() {
        return rank;
    }

    public int size() {
        return ids.length;
    }

    /** The id at a row. */
    public int id(int row) {
        return ids[row];
    }

    /** The row of an id, or -1 when the id is not in the matrix. */
    public int rowOf(int id) {
        int r = Arrays.binarySearch(ids, id);
        return r >= 0 ? r : -1;
    }

    /** The packed ids (shared, do not modify). */
    public int[] ids() {
        return ids;
    }

    /** The packed factors, row-major (shared, do not modify). */
    public float[] values() {
        return values;
    }

    /** A copy of one row's factors. */
    public float[] row(int row) {
        return Arrays.copyOfRange(values, row * rank, row * rank + rank);
    }
}
