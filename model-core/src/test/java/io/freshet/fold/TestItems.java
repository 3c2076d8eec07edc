package io.freshet.fold;

import io.freshet.artifact.FactorMatrix;
import java.util.Random;

/** Seeded item factors for fold-in tests: ids {@code firstId, firstId + 1, ...}, Gaussian like a trained model's. */
public final class TestItems {
    private TestItems() {
    }

    public static FactorMatrix gaussian(int count, int rank, int firstId, long seed) {
        Random random = new Random(seed);
        int[] ids = new int[count];
        float[] values = new float[count * rank];
        for (int i = 0; i < count; i++) {
            ids[i] = firstId + i;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.5);
        }
        return new FactorMatrix(rank, ids, values);
    }
}
