package io.freshet.scoring;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded test factors and seen items. */
final class Factors {
    private Factors() {
    }

    /** Ids 1, 4, 7, ... (not rows) with factors that are multiples of 1/4 in [-2, 2]: dot products are exact. */
    static FactorMatrix exact(int rows, int rank, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * rank];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextInt(17) - 8) / 4f;
        }
        return new FactorMatrix(rank, ids(rows), values);
    }

    /** Ids 1, 4, 7, ... with Gaussian factors of standard deviation 0.3, like a trained model's. */
    static FactorMatrix gaussian(int rows, int rank, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * rank];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.3);
        }
        return new FactorMatrix(rank, ids(rows), values);
    }

    static int[] ids(int rows) {
        int[] ids = new int[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = 3 * i + 1;
        }
        return ids;
    }

    /**
     * About {@code share} of the items for every other user, plus an item id the model does not know (it must be
     * ignored).
     */
    static SeenItems seen(FactorMatrix users, FactorMatrix items, double share, long seed) {
        Random random = new Random(seed);
        List<Integer> userIds = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>(List.of(0));
        List<Integer> itemIds = new ArrayList<>();
        for (int u = 0; u < users.size(); u += 2) {
            userIds.add(users.id(u));
            for (int i = 0; i < items.size(); i++) {
                if (random.nextDouble() < share) {
                    itemIds.add(items.id(i));
                }
            }
            itemIds.add(items.id(items.size() - 1) + 1);
            offsets.add(itemIds.size());
        }
        return new SeenItems(ints(userIds), ints(offsets), ints(itemIds));
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A scorer with the named kernel ("vector" or "scalar"). */
    static Scorer scorer(String kernel, FactorMatrix users, FactorMatrix items, SeenItems seen) {
        return Scorer.create(users, items, seen, Kernels.select(kernel, Kernels.vectorModulePresent()));
    }

    static int[] allRows(int rows) {
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        return all;
    }
}
