package io.freshet.scoring;

import java.util.Arrays;

/**
 * One user's top-N list: item ids by descending score, ties by ascending item id. It may be shorter than the N
 * asked for when fewer items were left. Equality compares the contents of the arrays.
 *
 * @param itemIds the recommended item ids, best first
 * @param scores  the score (predicted rating) of each item, never NaN
 */
public record TopN(int[] itemIds, float[] scores) {
    public TopN {
        if (itemIds.length != scores.length) {
            throw new IllegalArgumentException("itemIds length " + itemIds.length + " differs from scores length "
                    + scores.length);
        }
    }

    /** How many items the list holds. */
    public int size() {
        return itemIds.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopN that && Arrays.equals(itemIds, that.itemIds) && Arrays.equals(scores, that.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(itemIds) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "TopN[itemIds=" + Arrays.toString(itemIds) + ", scores=" + Arrays.toString(scores) + "]";
    }
}
