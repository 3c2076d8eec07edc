package io.freshet.scoring;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel. One vector holds one factor of a whole item block; each user's factor is broadcast and
 * fused-multiply-added into that user's accumulator, eight users per pass so each item load feeds eight FMAs.
 * After a block, one compare per user against its threshold (kept broadcast in a small array, so the compare reads
 * memory instead of re-broadcasting) decides, for all eight users at once, whether any scalar work is needed.
 * Only then are masks turned into lane bits (blend and OR-reduce; {@code VectorMask.toLong()} is slow on Java 17)
 * and the sums spilled, before the first call. Vectors live only in locals of this method, never in fields or
 * across calls, which keeps C2 from boxing them.
 * Loaded only by reflection from {@link Kernels}, so the scalar path never links this class.
 */
final class VectorKernel implements BlockKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** Lane {@code i} holds {@code 1 << i}: blended under a mask and OR-reduced, it gives the mask as bits. */
    private static final int[] LANE_BITS = laneBits(SPECIES.length());

    private static int[] laneBits(int lanes) {
        if (lanes > Integer.SIZE || IntVector.SPECIES_PREFERRED.length() != lanes) {
            throw new IllegalStateException("unexpected vector shape: " + lanes + " float lanes");
        }
        int[] bits = new int[lanes];
        for (int i = 0; i < lanes; i++) {
            bits[i] = 1 << i;
        }
        return bits;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return SPECIES.length();
    }

    @Override
    public void scan(ItemBlocks items, float[] factors, int at, UserTopN[] tops, int blockFrom, int blockTo) {
        final int lanes = SPECIES.length();
        final int rank = items.rank();
        final float[] data = items.data();
        final float[] spill = new float[GROUP * lanes];
        final float[] limits = new float[GROUP * lanes];
        final UserTopN top0 = tops[0];
        final UserTopN top1 = tops[1];
        final UserTopN top2 = tops[2];
        final UserTopN top3 = tops[3];
        final UserTopN top4 = tops[4];
        final UserTopN top5 = tops[5];
        final UserTopN top6 = tops[6];
        final UserTopN top7 = tops[7];
        for (int k = 0; k < GROUP; k++) {
            Arrays.fill(limits, k * lanes, (k + 1) * lanes, tops[k].threshold());
        }
        for (int block = blockFrom; block < blockTo; block++) {
            int base = items.blockOffset(block);
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int f = 0, u = at; f < rank; f++, u += GROUP) {
                FloatVector x = FloatVector.fromArray(SPECIES, data, base + f * lanes);
                a0 = x.fma(FloatVector.broadcast(SPECIES, factors[u]), a0);
                a1 = x.fma(FloatVector.broadcast(SPECIES, factors[u + 1]), a1);
                a2 = x.fma(FloatVector.broadcast(SPECIES, factors[u + 2]), a2);
                a3 = x.fma(FloatVector.broadcast(SPECIES, factors[u + 3]), a3);
                a4 = x.fma(FloatVector.broadcast(SPECIES, factors[u + 4]), a4);
                a5 = x.fma(FloatVector.broadcast(SPECIES, factors[u + 5]), a5);
                a6 = x.fma(FloatVector.broadcast(SPECIES, factors[u + 6]), a6);
                a7 = x.fma(FloatVector.broadcast(SPECIES, factors[u + 7]), a7);
            }
            VectorMask<Float> m0 = a0.compare(VectorOperators.GE, FloatVector.fromArray(SPECIES, limits, 0));
            VectorMask<Float> m1 = a1.compare(VectorOperators.GE, FloatVector.fromArray(SPECIES, limits, lanes));
            VectorMask<Float> m2 = a2.compare(VectorOperators.GE, FloatVector.fromArray(SPECIES, limits, 2 * lanes));
            VectorMask<Float> m3 = a3.compare(VectorOperators.GE, FloatVector.fromArray(SPECIES, limits, 3 * lanes));
            VectorMask<Float> m4 = a4.compare(VectorOperators.GE, FloatVector.fromArray(SPECIES, limits, 4 * lanes));
            VectorMask<Float> m5 = a5.compare(VectorOperators.GE, FloatVector.fromArray(SPECIES, limits, 5 * lanes));
            VectorMask<Float> m6 = a6.compare(VectorOperators.GE, FloatVector.fromArray(SPECIES, limits, 6 * lanes));
            VectorMask<Float> m7 = a7.compare(VectorOperators.GE, FloatVector.fromArray(SPECIES, limits, 7 * lanes));
            if (m0.or(m1).or(m2).or(m3).or(m4).or(m5).or(m6).or(m7).anyTrue()) {
                // Turn masks into lane bits and spill the sums before the first call: a vector live across a
                // call would be boxed.
                FloatVector none = FloatVector.zero(SPECIES);
                FloatVector bits = IntVector.fromArray(INTS, LANE_BITS, 0).reinterpretAsFloats();
                int p0 = none.blend(bits, m0).reinterpretAsInts().reduceLanes(VectorOperators.OR);
                int p1 = none.blend(bits, m1).reinterpretAsInts().reduceLanes(VectorOperators.OR);
                int p2 = none.blend(bits, m2).reinterpretAsInts().reduceLanes(VectorOperators.OR);
                int p3 = none.blend(bits, m3).reinterpretAsInts().reduceLanes(VectorOperators.OR);
                int p4 = none.blend(bits, m4).reinterpretAsInts().reduceLanes(VectorOperators.OR);
                int p5 = none.blend(bits, m5).reinterpretAsInts().reduceLanes(VectorOperators.OR);
                int p6 = none.blend(bits, m6).reinterpretAsInts().reduceLanes(VectorOperators.OR);
                int p7 = none.blend(bits, m7).reinterpretAsInts().reduceLanes(VectorOperators.OR);
                a0.intoArray(spill, 0);
                a1.intoArray(spill, lanes);
                a2.intoArray(spill, 2 * lanes);
                a3.intoArray(spill, 3 * lanes);
                a4.intoArray(spill, 4 * lanes);
                a5.intoArray(spill, 5 * lanes);
                a6.intoArray(spill, 6 * lanes);
                a7.intoArray(spill, 7 * lanes);
                int firstRow = block * lanes;
                int valid = items.validLanes(block) == lanes ? -1 : (1 << items.validLanes(block)) - 1;
                if (p0 != 0) {
                    top0.offerLanes(spill, 0, firstRow, p0 & valid);
                    Arrays.fill(limits, 0, 0 + lanes, top0.threshold());
                }
                if (p1 != 0) {
                    top1.offerLanes(spill, lanes, firstRow, p1 & valid);
                    Arrays.fill(limits, lanes, lanes + lanes, top1.threshold());
                }
                if (p2 != 0) {
                    top2.offerLanes(spill, 2 * lanes, firstRow, p2 & valid);
                    Arrays.fill(limits, 2 * lanes, 2 * lanes + lanes, top2.threshold());
                }
                if (p3 != 0) {
                    top3.offerLanes(spill, 3 * lanes, firstRow, p3 & valid);
                    Arrays.fill(limits, 3 * lanes, 3 * lanes + lanes, top3.threshold());
                }
                if (p4 != 0) {
                    top4.offerLanes(spill, 4 * lanes, firstRow, p4 & valid);
                    Arrays.fill(limits, 4 * lanes, 4 * lanes + lanes, top4.threshold());
                }
                if (p5 != 0) {
                    top5.offerLanes(spill, 5 * lanes, firstRow, p5 & valid);
                    Arrays.fill(limits, 5 * lanes, 5 * lanes + lanes, top5.threshold());
                }
                if (p6 != 0) {
                    top6.offerLanes(spill, 6 * lanes, firstRow, p6 & valid);
                    Arrays.fill(limits, 6 * lanes, 6 * lanes + lanes, top6.threshold());
                }
                if (p7 != 0) {
                    top7.offerLanes(spill, 7 * lanes, firstRow, p7 & valid);
                    Arrays.fill(limits, 7 * lanes, 7 * lanes + lanes, top7.threshold());
                }
            }
        }
    }
}
