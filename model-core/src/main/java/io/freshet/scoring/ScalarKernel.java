package io.freshet.scoring;

import java.util.Arrays;

/**
 * The plain-Java kernel: used when the Vector API is absent or forced off. Never touches Vector API classes. It
 * accumulates with {@link Math#fma} in the same order as the vector kernel, so both give the same bits.
 */
final class ScalarKernel implements BlockKernel {
    static final int LANES = 16;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public void scan(ItemBlocks items, float[] factors, int at, UserTopN[] tops, int blockFrom, int blockTo) {
        int rank = items.rank();
        float[] data = items.data();
        float[] sums = new float[GROUP * LANES];
        for (int block = blockFrom; block < blockTo; block++) {
            Arrays.fill(sums, 0f);
            int base = items.blockOffset(block);
            for (int f = 0; f < rank; f++) {
                int row = base + f * LANES;
                for (int k = 0; k < GROUP; k++) {
                    float u = factors[at + f * GROUP + k];
                    int s = k * LANES;
                    for (int lane = 0; lane < LANES; lane++) {
                        sums[s + lane] = Math.fma(data[row + lane], u, sums[s + lane]);
                    }
                }
            }
            int firstRow = block * LANES;
            int valid = items.validLanes(block);
            for (int k = 0; k < GROUP; k++) {
                float threshold = tops[k].threshold();
                int pass = 0;
                for (int lane = 0; lane < valid; lane++) {
                    if (sums[k * LANES + lane] >= threshold) {
                        pass |= 1 << lane;
                    }
                }
                if (pass != 0) {
                    tops[k].offerLanes(sums, k * LANES, firstRow, pass);
                }
            }
        }
    }
}
