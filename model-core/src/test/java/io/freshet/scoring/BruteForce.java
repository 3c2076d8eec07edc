package io.freshet.scoring;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntPredicate;
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
        return topN(users, items, seen, userRow, n, excludeSeen, id -> true);
    }

    /** As {@link #topN(FactorMatrix, FactorMatrix, SeenItems, int, int, boolean)}, listing only ids {@code allowed} passes. */
    static Ranked topN(FactorMatrix users, FactorMatrix items, SeenItems seen, int userRow, int n,
                       boolean excludeSeen, IntPredicate allowed) {
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
        return ranked(items, scores, id -> Arrays.stream(seenIds).noneMatch(s -> s == id) && allowed.test(id), n);
    }

    /**
     * The {@code n} items most similar to the item at {@code itemRow} by cosine (dot product over the product of
     * the Euclidean norms, 0 for a vector of zeros), the item itself left out, only ids {@code allowed} passes.
     */
    static Ranked similar(FactorMatrix items, int itemRow, int n, IntPredicate allowed) {
        int rank = items.rank();
        float[] v = items.values();
        double[] scores = new double[items.size()];
        double queryNorm = norm(items, itemRow);
        for (int i = 0; i < items.size(); i++) {
            double dot = 0;
            for (int f = 0; f < rank; f++) {
                dot += (double) v[itemRow * rank + f] * v[i * rank + f];
            }
            double norms = queryNorm * norm(items, i);
            scores[i] = norms == 0 ? 0 : dot / norms;
        }
        int self = items.id(itemRow);
        return ranked(items, scores, id -> id != self && allowed.test(id), n);
    }

    private static double norm(FactorMatrix items, int row) {
        double sum = 0;
        for (int f = 0; f < items.rank(); f++) {
            double x = items.values()[row * items.rank() + f];
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    /** The {@code n} best of the items whose id {@code allowed} passes, by score (NaN left out), then id. */
    private static Ranked ranked(FactorMatrix items, double[] scores, IntPredicate allowed, int n) {
        Integer[] order = IntStream.range(0, items.size())
                .filter(i -> allowed.test(items.id(i)))
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
