package io.freshet.scoring;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** The reference top-N: every item scored with double accumulation, fully sorted (score down, id up). */
final class BruteForce {
    private BruteForce() {
    }

    /** The reference list, with its scores as doubles. */
    record Ranked(int[] itemIds, double[] scores) {
    }

    static Ranked topN(FactorMatrix users, FactorMatrix items, SeenItems seen, int userRow, int n,
                       boolean excludeSeen) {
        int rank = users.rank();
        int[] seenIds = excludeSeen ? seen.itemsOf(users.id(userRow)) : new int[0];
        double[] scores = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            double sum = 0;
            for (int f = 0; f < rank; f++) {
                sum += (double) users.values()[userRow * rank + f] * items.values()[i * rank + f];
            }
            scores[i] = sum;
        }
        Integer[] order = IntStream.range(0, items.size())
                .filter(i -> Arrays.stream(seenIds).noneMatch(id -> id == items.id(i)))
                .filter(i -> !Double.isNaN(scores[i]))
                .boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(items::id));
        int size = Math.min(n, order.length);
        int[] ids = new int[size];
        double[] best = new double[size];
        for (int k = 0; k < size; k++) {
            ids[k] = items.id(order[k]);
            best[k] = scores[order[k]];
        }
        return new Ranked(ids, best);
    }
}
