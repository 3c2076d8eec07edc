package io.freshet.trainer.eval;

import io.freshet.artifact.FactorMatrix;
import io.freshet.data.RatingIds;
import io.freshet.ids.IdDictionary;
import io.freshet.ids.IdKind;
import io.freshet.ids.Ids;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.IntFunction;

/**
 * Re-indexes the current version's factors into the candidate's id space, so that the gate scores both on the same
 * holdout: a user or item of the current version takes the candidate's index of the same id, compared as text (the
 * decimal number of an int or 64-bit id, a string id as it is: {@link Ids#userText}), and one the candidate does not
 * know is dropped. Needed whenever either space is mapped (int then string ids, or two dictionaries of string ids);
 * two int spaces share their ids and are left alone. The candidate's ids are streamed from the executors and looked
 * up in the current version's dictionaries, which the driver holds anyway once the version is loaded.
 */
public final class IdTranslation {
    private IdTranslation() {
    }

    /** True when {@code current}'s factors must be translated to be scored in {@code candidate}'s space. */
    public static boolean needed(CurrentVersion current, RatingIds candidate) {
        return current.ids().mapped() || candidate.mapped();
    }

    /** {@code current} with its factors in {@code candidate}'s space (unchanged when both are int ids). */
    public static CurrentVersion into(CurrentVersion current, RatingIds candidate) {
        if (!needed(current, candidate)) {
            return current;
        }
        Ids ids = current.ids();
        FactorMatrix users = translate(current.users(), ids.users(), candidate.mapped() ? candidate.userTexts() : null,
                ids::userText);
        FactorMatrix items = translate(current.items(), ids.items(), candidate.mapped() ? candidate.itemTexts() : null,
                ids::itemText);
        return current.translatedTo(users, items);
    }

    /**
     * One side: the rows of {@code factors} (ids: indices of {@code dictionary}, or int ids when it is null) under the
     * candidate's ids. {@code candidateTexts} are the candidate's ids in index order, or null for int ids, whose
     * index is the id itself.
     */
    private static FactorMatrix translate(FactorMatrix factors, IdDictionary dictionary, Iterator<String> candidateTexts,
                                          IntFunction<String> text) {
        int[] target = new int[factors.size()];
        boolean[] known = new boolean[factors.size()];
        if (candidateTexts == null) {
            for (int r = 0; r < factors.size(); r++) {
                Long id = Ids.canonicalLong(text.apply(factors.id(r)));
                if (id != null && id == (int) (long) id) {
                    target[r] = (int) (long) id;
                    known[r] = true;
                }
            }
        } else {
            for (int index = 0; candidateTexts.hasNext(); index++) {
                int row = rowOf(factors, dictionary, candidateTexts.next());
                if (row >= 0) {
                    target[row] = index;
                    known[row] = true;
                }
            }
        }
        return reindexed(factors, target, known);
    }

    /** The row of the current version's factors for an id given as text, or -1 when it has none. */
    private static int rowOf(FactorMatrix factors, IdDictionary dictionary, String id) {
        if (dictionary == null || dictionary.kind() == IdKind.LONG) {
            Long value = Ids.canonicalLong(id);
            if (value == null) {
                return -1;
            }
            if (dictionary == null) {
                return value == (int) (long) value ? factors.rowOf((int) (long) value) : -1;
            }
            int index = dictionary.indexOf(value);
            return index < 0 ? -1 : factors.rowOf(index);
        }
        int index = dictionary.indexOf(id);
        return index < 0 ? -1 : factors.rowOf(index);
    }

    /** The {@code known} rows under their {@code target} ids, sorted by them. */
    private static FactorMatrix reindexed(FactorMatrix factors, int[] target, boolean[] known) {
        int rank = factors.rank();
        long[] order = new long[factors.size()];
        int n = 0;
        for (int r = 0; r < target.length; r++) {
            if (known[r]) {
                order[n++] = ((long) target[r] << 32) | r;
            }
        }
        order = Arrays.copyOf(order, n);
        Arrays.sort(order);
        int[] ids = new int[n];
        float[] values = new float[Math.multiplyExact(n, rank)];
        for (int i = 0; i < n; i++) {
            int row = (int) order[i];
            ids[i] = (int) (order[i] >> 32);
            System.arraycopy(factors.values(), row * rank, values, i * rank, rank);
        }
        return new FactorMatrix(rank, ids, values);
    }
}
