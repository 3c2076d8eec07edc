package io.freshet.scoring;

import io.freshet.artifact.FactorMatrix;

/**
 * Item factors transposed into blocks of {@code lanes} items: block {@code b} holds, for each factor {@code f},
 * the {@code f}-th factor of items {@code b * lanes .. b * lanes + lanes} side by side, so one vector load reads
 * one factor of a whole block. The last block is padded with zeros; {@link #validLanes} says how many of its
 * lanes are real items.
 */
final class ItemBlocks {
    private final int rank;
    private final int lanes;
    private final int items;
    private final int blocks;
    private final float[] data;

    ItemBlocks(FactorMatrix itemFactors, int lanes) {
        if (lanes <= 0) {
            throw new IllegalArgumentException("lanes must be positive, got " + lanes);
        }
        this.rank = itemFactors.rank();
        this.lanes = lanes;
        this.items = itemFactors.size();
        this.blocks = (items + lanes - 1) / lanes;
        this.data = new float[Math.multiplyExact(Math.multiplyExact(blocks, lanes), rank)];
        float[] values = itemFactors.values();
        for (int item = 0; item < items; item++) {
            int base = blockOffset(item / lanes) + item % lanes;
            for (int f = 0; f < rank; f++) {
                data[base + f * lanes] = values[item * rank + f];
            }
        }
    }

    int rank() {
        return rank;
    }

    int lanes() {
        return lanes;
    }

    int items() {
        return items;
    }

    int blocks() {
        return blocks;
    }

    /** The transposed factors (shared, do not modify). */
    float[] data() {
        return data;
    }

    /** Where block {@code block} starts in {@link #data()}. */
    int blockOffset(int block) {
        return block * rank * lanes;
    }

    /** How many lanes of a block are real items (all but possibly in the last block). */
    int validLanes(int block) {
        return Math.min(lanes, items - block * lanes);
    }
}
