package io.freshet.predictor;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import scala.Tuple2;

/**
 * The users of one partition of a joined user side, packed: their factors as one matrix (ids ascending) and
 * their seen items as compressed rows. One object per cached partition keeps the user side compact (no object
 * per user) and finds a user by binary search.
 */
final class UserBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FactorMatrix users;
    private final SeenItems seen;

    UserBlock(FactorMatrix users, SeenItems seen) {
        this.users = users;
        this.seen = seen;
    }

    /**
     * Packs a partition's user records and seen records (any order). Seen records of users without factors are
     * dropped, as a scorer drops them.
     */
    static UserBlock of(int rank, Iterator<Tuple2<Integer, float[]>> factors, Iterator<Tuple2<Integer, int[]>> seen) {
        List<Tuple2<Integer, float[]>> records = new ArrayList<>();
        factors.forEachRemaining(records::add);
        records.sort(Comparator.comparing(Tuple2::_1));
        int[] ids = new int[records.size()];
        float[] values = new float[Math.multiplyExact(records.size(), rank)];
        for (int r = 0; r < ids.length; r++) {
            ids[r] = records.get(r)._1();
            System.arraycopy(records.get(r)._2(), 0, values, r * rank, rank);
        }
        FactorMatrix matrix = new FactorMatrix(rank, ids, values);
        List<Tuple2<Integer, int[]>> rows = new ArrayList<>();
        seen.forEachRemaining(s -> {
            if (matrix.rowOf(s._1()) >= 0) {
                rows.add(s);
            }
        });
        rows.sort(Comparator.comparing(Tuple2::_1));
        return new UserBlock(matrix, packSeen(rows));
    }

    private static SeenItems packSeen(List<Tuple2<Integer, int[]>> rows) {
        int[] userIds = new int[rows.size()];
        int[] offsets = new int[rows.size() + 1];
        int total = 0;
        for (int u = 0; u < rows.size(); u++) {
            userIds[u] = rows.get(u)._1();
            total = Math.addExact(total, rows.get(u)._2().length);
            offsets[u + 1] = total;
        }
        int[] items = new int[total];
        for (int u = 0; u < rows.size(); u++) {
            System.arraycopy(rows.get(u)._2(), 0, items, offsets[u], offsets[u + 1] - offsets[u]);
        }
        return new SeenItems(userIds, offsets, items);
    }

    /** How many users the block holds. */
    int size() {
        return users.size();
    }

    /** Some users of the block and their seen items. */
    record Selection(FactorMatrix users, SeenItems seen) {
    }

    /** The users among {@code userIds} (repeats and ids the block does not hold allowed) with their seen items. */
    Selection select(int[] userIds) {
        int[] wanted = Arrays.stream(userIds).sorted().distinct().filter(id -> users.rowOf(id) >= 0).toArray();
        int rank = users.rank();
        float[] values = new float[wanted.length * rank];
        List<Tuple2<Integer, int[]>> rows = new ArrayList<>();
        for (int k = 0; k < wanted.length; k++) {
            System.arraycopy(users.values(), users.rowOf(wanted[k]) * rank, values, k * rank, rank);
            int[] items = seen.itemsOf(wanted[k]);
            if (items.length > 0) {
                rows.add(new Tuple2<>(wanted[k], items));
            }
        }
        return new Selection(new FactorMatrix(rank, wanted, values), packSeen(rows));
    }
}
