package io.freshet.predictor.executor;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The users of one partition of a joined user side, packed: their factors as one matrix (ids ascending) and
 * their seen items as compressed rows. One object per cached partition keeps the user side compact (no object
 * per user) and finds a user by binary search.
 */
public final class UserBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FactorMatrix users;
    private final SeenItems seen;

    UserBlock(FactorMatrix users, SeenItems seen) {
        this.users = users;
        this.seen = seen;
    }

    /**
     * Packs a partition's chunks of user factors and of seen items (chunks in any order, each ascending by user).
     * Seen items of users without factors are dropped, as a scorer drops them.
     */
    static UserBlock of(int rank, Iterator<FactorMatrix> factorChunks, Iterator<SeenItems> seenChunks) {
        List<FactorMatrix> factors = new ArrayList<>();
        factorChunks.forEachRemaining(factors::add);
        Merge byUser = Merge.of(factors.stream().map(FactorMatrix::ids).toList());
        int[] ids = new int[byUser.size()];
        float[] values = new float[Math.multiplyExact(ids.length, rank)];
        for (int r = 0; r < ids.length; r++) {
            FactorMatrix chunk = factors.get(byUser.chunks()[r]);
            int row = byUser.rows()[r];
            ids[r] = chunk.id(row);
            System.arraycopy(chunk.values(), row * rank, values, r * rank, rank);
        }
        FactorMatrix users = new FactorMatrix(rank, ids, values);

        List<SeenItems> seen = new ArrayList<>();
        seenChunks.forEachRemaining(seen::add);
        Merge seenByUser = Merge.of(seen.stream().map(SeenItems::userIds).toList());
        int[] userIds = new int[seenByUser.size()];
        int[] offsets = new int[seenByUser.size() + 1];
        int kept = 0;
        for (int r = 0; r < seenByUser.size(); r++) {
            SeenItems chunk = seen.get(seenByUser.chunks()[r]);
            int row = seenByUser.rows()[r];
            if (users.rowOf(chunk.userIds()[row]) >= 0) {
                userIds[kept] = chunk.userIds()[row];
                offsets[kept + 1] = Math.addExact(offsets[kept], chunk.offsets()[row + 1] - chunk.offsets()[row]);
                kept++;
            }
        }
        int[] items = new int[offsets[kept]];
        int at = 0;
        for (int r = 0; r < seenByUser.size(); r++) {
            SeenItems chunk = seen.get(seenByUser.chunks()[r]);
            int row = seenByUser.rows()[r];
            if (users.rowOf(chunk.userIds()[row]) >= 0) {
                int from = chunk.offsets()[row];
                int n = chunk.offsets()[row + 1] - from;
                System.arraycopy(chunk.itemIds(), from, items, at, n);
                at += n;
            }
        }
        return new UserBlock(users, new SeenItems(Arrays.copyOf(userIds, kept), Arrays.copyOf(offsets, kept + 1), items));
    }

    /** The rows of several chunks in ascending order of their ids: the r-th is row {@code rows[r]} of chunk {@code chunks[r]}. */
    private record Merge(int[] chunks, int[] rows) {
        static Merge of(List<int[]> chunkIds) {
            int total = chunkIds.stream().mapToInt(c -> c.length).sum();
            int[] chunkAt = new int[total];
            int[] rowAt = new int[total];
            long[] order = new long[total];
            int at = 0;
            for (int c = 0; c < chunkIds.size(); c++) {
                int[] ids = chunkIds.get(c);
                for (int row = 0; row < ids.length; row++) {
                    chunkAt[at] = c;
                    rowAt[at] = row;
                    order[at] = ((long) ids[row] << 32) | at; // sorts by id, then position
                    at++;
                }
            }
            Arrays.sort(order);
            int[] chunks = new int[total];
            int[] rows = new int[total];
            for (int r = 0; r < total; r++) {
                int position = (int) order[r];
                chunks[r] = chunkAt[position];
                rows[r] = rowAt[position];
            }
            return new Merge(chunks, rows);
        }

        int size() {
            return rows.length;
        }
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
        int[][] items = new int[wanted.length][];
        int[] seenUsers = new int[wanted.length];
        int[] offsets = new int[wanted.length + 1];
        int withSeen = 0;
        for (int k = 0; k < wanted.length; k++) {
            System.arraycopy(users.values(), users.rowOf(wanted[k]) * rank, values, k * rank, rank);
            int[] own = seen.itemsOf(wanted[k]);
            if (own.length > 0) {
                seenUsers[withSeen] = wanted[k];
                items[withSeen] = own;
                offsets[withSeen + 1] = offsets[withSeen] + own.length;
                withSeen++;
            }
        }
        int[] seenItems = new int[offsets[withSeen]];
        for (int u = 0; u < withSeen; u++) {
            System.arraycopy(items[u], 0, seenItems, offsets[u], items[u].length);
        }
        return new Selection(new FactorMatrix(rank, wanted, values), new SeenItems(Arrays.copyOf(seenUsers, withSeen),
                Arrays.copyOf(offsets, withSeen + 1), seenItems));
    }
}
