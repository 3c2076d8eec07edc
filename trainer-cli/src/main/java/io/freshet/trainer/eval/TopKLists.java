package io.freshet.trainer.eval;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import io.freshet.scoring.Scorer;
import io.freshet.scoring.TopN;
import java.util.Arrays;

/**
 * The top-k list of every holdout user, in the order of {@link HeldOut}: a model's (through the Scorer, seen
 * items excluded; empty for a user the model does not know) or the most-popular baseline's.
 *
 * @param lists  one list per holdout user, best first
 * @param scored how many holdout users the model could score (for the baseline: all of them)
 */
public record TopKLists(int[][] lists, int scored) {

    /**
     * The top-k of a model's factors for every holdout user, excluding {@code exclude}'s items of each user
     * (the training items of the run, whichever model is scored, so that every model ranks the same items).
     */
    public static TopKLists ofModel(FactorMatrix users, FactorMatrix items, SeenItems exclude, HeldOut heldOut, int k) {
        Scorer scorer = Scorer.create(users, items, exclude);
        int[] rows = new int[heldOut.users()];
        int known = 0;
        for (int u = 0; u < heldOut.users(); u++) {
            int row = scorer.userRow(heldOut.user(u));
            if (row >= 0) {
                rows[known++] = row;
            }
        }
        TopN[] top = scorer.topN(Arrays.copyOf(rows, known), k, true, Runtime.getRuntime().availableProcessors());
        int[][] lists = new int[heldOut.users()][];
        int next = 0;
        for (int u = 0; u < heldOut.users(); u++) {
            lists[u] = scorer.userRow(heldOut.user(u)) >= 0 ? top[next++].itemIds() : new int[0];
        }
        return new TopKLists(lists, known);
    }

    /**
     * The most-popular baseline: for each holdout user the first k items of {@code popularItems} (training
     * popularity, most popular first) that the user did not rate in training.
     */
    public static TopKLists popular(int[] popularItems, SeenItems exclude, HeldOut heldOut, int k) {
        int[][] lists = new int[heldOut.users()][];
        for (int u = 0; u < heldOut.users(); u++) {
            lists[u] = firstUnseen(popularItems, exclude.itemsOf(heldOut.user(u)), k);
        }
        return new TopKLists(lists, heldOut.users());
    }

    /** The first {@code k} of {@code ranked} not in {@code seenSorted}. */
    static int[] firstUnseen(int[] ranked, int[] seenSorted, int k) {
        int[] out = new int[Math.min(k, ranked.length)];
        int n = 0;
        for (int i = 0; i < ranked.length && n < out.length; i++) {
            if (Arrays.binarySearch(seenSorted, ranked[i]) < 0) {
                out[n++] = ranked[i];
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Distinct items across the lists, divided by {@code catalogue} (the items the model knows). */
    public double catalogCoverage(int catalogue) {
        if (catalogue == 0) {
            return 0;
        }
        return Arrays.stream(lists).flatMapToInt(Arrays::stream).distinct().count() / (double) catalogue;
    }

    /** The share of holdout users the model could score. */
    public double userCoverage() {
        return lists.length == 0 ? 0 : scored / (double) lists.length;
    }
}
