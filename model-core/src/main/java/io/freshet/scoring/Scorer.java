package io.freshet.scoring;

import io.freshet.PrimitiveList;
import io.freshet.artifact.FactorMatrix;
import io.freshet.availability.ItemAvailability;
import io.freshet.artifact.SeenItems;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Scores users against items from one model's factors: pair scores, exact top-N lists, and exact similar-item lists
 * (cosine over the item factors, with the same blocked scan). Each list may carry an {@link ItemFilter} (a request's
 * excluded items and candidate set, the deployment's availability), applied inside the scan. Built once per model,
 * immutable and thread-safe.
 *
 * <p>Top-N scans item factors transposed into blocks ({@link ItemBlocks}) with the kernel chosen at start-up
 * ({@link #kernelName()}), {@value BlockKernel#GROUP} users per pass, in item chunks sized for the cache. Each
 * user keeps a running threshold (its N-th best score so far), and a block is looked at lane by lane only when
 * some lane reaches some user's threshold. Seen items are skipped by merging with the user's sorted seen rows.
 * Lists are by descending score, ties by ascending item id; scores are computed as {@link #score} computes them.
 *
 * <p>Serialized form: the raw factors and the seen rows. The transposed layout is rebuilt on first use after
 * deserialization (by any serializer that leaves transient fields unset), so a broadcast costs little more than
 * the raw factors.
 */
public final class Scorer implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Item factor bytes scanned per chunk before the next group of users (64 KiB measured best of 24 KiB-2 MiB). */
    static final int CHUNK_BYTES = 64 * 1024;

    /**
     * The scoring threads of this JVM, shared by every multi-threaded {@link #topN(int[], int, boolean, int)}:
     * daemons, made when no idle one is free and ended after a minute idle, so a call costs no thread start.
     */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger made = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "freshet-scoring-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    private final FactorMatrix users;
    private final FactorMatrix items;
    private final SeenRows seen;
    private final transient BlockKernel kernel;
    private transient volatile ItemBlocks blocks;
    private transient volatile UnitItems unitItems;
    private transient volatile AvailableRows availableRows;

    private Scorer(FactorMatrix users, FactorMatrix items, SeenRows seen, BlockKernel kernel, ItemBlocks blocks) {
        if (users.rank() != items.rank()) {
            throw new IllegalArgumentException("user rank " + users.rank() + " differs from item rank "
                    + items.rank());
        }
        this.users = users;
        this.items = items;
        this.seen = seen;
        this.kernel = kernel;
        this.blocks = blocks;
    }

    /**
     * A scorer over a model's factors.
     *
     * @param seen the items each user rated, to exclude on request; {@link SeenItems#empty()} for none
     */
    public static Scorer create(FactorMatrix users, FactorMatrix items, SeenItems seen) {
        return create(users, items, seen, Kernels.chosen());
    }

    /** A scorer that uses the given kernel (tests compare kernels in one JVM this way). */
    static Scorer create(FactorMatrix users, FactorMatrix items, SeenItems seen, BlockKernel kernel) {
        return new Scorer(users, items, seenRows(seen, users, items), kernel, new ItemBlocks(items, kernel.lanes()));
    }

    /**
     * A scorer over other users (and the items they have seen) against this scorer's items, equal to
     * {@link #create} over those users and these items. The transposed item layout is shared with this scorer,
     * not rebuilt, so a scorer for a handful of users costs about as much as their own factors: the predictor
     * builds one per batch partition from the broadcast items and the users the partition asks for.
     */
    public Scorer withUsers(FactorMatrix users, SeenItems seen) {
        BlockKernel k = kernel();
        return new Scorer(users, items, seenRows(seen, users, items), k, blocks(k));
    }

    /**
     * A scorer over other users against this scorer's items, as {@link #withUsers(FactorMatrix, SeenItems)}, whose
     * seen items are those this scorer holds for the same user ids (when {@code trainedSeen}) plus, for the user
     * at row {@code u} of {@code users}, the item ids {@code extraSeen[u]} (any order, repeats and unknown items
     * allowed): folded users, who exclude their trained seen items and the items they rated since.
     */
    public Scorer withUsers(FactorMatrix users, int[][] extraSeen, boolean trainedSeen) {
        BlockKernel k = kernel();
        SeenRows base = trainedSeen ? seen : SeenRows.none(this.users.size());
        return new Scorer(users, items, SeenRows.merged(base, this.users, users, extraSeen, items), k, blocks(k));
    }

    private static SeenRows seenRows(SeenItems seen, FactorMatrix users, FactorMatrix items) {
        return seen.entries() == 0 ? SeenRows.none(users.size()) : SeenRows.of(seen, users, items);
    }

    /** Which kernel start-up chose: "vector" (JDK Vector API) or "scalar". */
    public static String kernelName() {
        return Kernels.chosen().name();
    }

    /** The item factors this scorer ranks (shared: do not modify). */
    public FactorMatrix itemFactors() {
        return items;
    }

    public int rank() {
        return users.rank();
    }

    public int users() {
        return users.size();
    }

    public int items() {
        return items.size();
    }

    /** How many (user, item) seen entries the scorer holds: those of known users and known items. */
    public long seenEntries() {
        return seen.rows().length;
    }

    /** The ids of the items the user at {@code userRow} has seen (known items only), ascending by item row. */
    public int[] seenItemIds(int userRow) {
        checkRow("userRow", userRow, users.size());
        int from = seen.from(userRow);
        int[] ids = new int[seen.to(userRow) - from];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.id(seen.rows()[from + i]);
        }
        return ids;
    }

    /**
     * The top {@code n} items for a vector that is not one of this scorer's users, each item's score being the dot
     * product plus {@code bonus[itemRow]}, leaving out {@code excludedItemIds} (sorted ascending); higher score
     * first, then lower item id. A plain scan, for the few users a batch scores this way (new users' blended
     * lists).
     */
    public TopN topN(float[] vector, float[] bonus, int[] excludedItemIds, int n) {
        return topN(vector, bonus, excludedItemIds, ItemFilter.NONE, n);
    }

    /** As {@link #topN(float[], float[], int[], int)}, listing only items {@code filter} allows. */
    public TopN topN(float[] vector, float[] bonus, int[] excludedItemIds, ItemFilter filter, int n) {
        int rank = rank();
        if (vector.length != rank || bonus.length != items.size()) {
            throw new IllegalArgumentException("a vector of rank " + vector.length + " and " + bonus.length
                    + " bonuses for rank " + rank + " and " + items.size() + " items");
        }
        float[] v = items.values();
        long[] packed = new long[items.size()];
        int kept = 0;
        for (int row = 0; row < items.size(); row++) {
            int id = items.id(row);
            if (Arrays.binarySearch(excludedItemIds, id) >= 0 || !filter.allows(id)) {
                continue;
            }
            float sum = 0f;
            for (int f = 0; f < rank; f++) {
                sum = Math.fma(vector[f], v[row * rank + f], sum);
            }
            float score = sum + bonus[row];
            if (Float.isNaN(score)) {
                continue;
            }
            // descending score, then ascending id: sort ascending on (-score bits, id)
            packed[kept++] = ((long) sortableDescending(score) << 32) | (id - (long) Integer.MIN_VALUE);
        }
        Arrays.sort(packed, 0, kept);
        int size = Math.min(n, kept);
        int[] ids = new int[size];
        float[] scores = new float[size];
        for (int i = 0; i < size; i++) {
            ids[i] = (int) ((packed[i] & 0xffffffffL) + Integer.MIN_VALUE);
            int row = items.rowOf(ids[i]);
            float sum = 0f;
            for (int f = 0; f < rank; f++) {
                sum = Math.fma(vector[f], v[row * rank + f], sum);
            }
            scores[i] = sum + bonus[row];
        }
        return new TopN(ids, scores);
    }

    /** An int that orders floats descending when compared as signed ints (as the high half of a long). */
    private static int sortableDescending(float score) {
        int bits = Float.floatToIntBits(score == 0f ? 0f : score);
        int ascending = bits >= 0 ? bits : bits ^ 0x7fffffff; // ascending order of the float as a signed int
        return ~ascending; // reversed: descending
    }

    /** The row of a user id, or -1 when the model does not know the user. */
    public int userRow(int userId) {
        return users.rowOf(userId);
    }

    /** The row of an item id, or -1 when the model does not know the item. */
    public int itemRow(int itemId) {
        return items.rowOf(itemId);
    }

    /** The item id at a row. */
    public int itemId(int itemRow) {
        return items.id(itemRow);
    }

    /** The predicted rating: the dot product of the two rows' factors, accumulated as the top-N kernels do. */
    public float score(int userRow, int itemRow) {
        checkRow("userRow", userRow, users.size());
        checkRow("itemRow", itemRow, items.size());
        int rank = rank();
        float[] u = users.values();
        float[] v = items.values();
        float sum = 0f;
        for (int f = 0; f < rank; f++) {
            sum = Math.fma(v[itemRow * rank + f], u[userRow * rank + f], sum);
        }
        return sum;
    }

    /** One user's top-N (see {@link #topN(int[], int, boolean)}). */
    public TopN topN(int userRow, int n, boolean excludeSeen) {
        return topN(new int[] {userRow}, n, excludeSeen)[0];
    }

    /**
     * The top-N items of each user row, on the calling thread.
     *
     * @param userRows    rows from {@link #userRow}; repeats allowed
     * @param n           how many items per user; fewer when fewer are left
     * @param excludeSeen whether to skip the items each user rated in training
     * @return one list per entry of {@code userRows}, in the same order
     */
    public TopN[] topN(int[] userRows, int n, boolean excludeSeen) {
        return topN(userRows, n, excludeSeen, 1);
    }

    /**
     * As {@link #topN(int[], int, boolean)}, with the users split across {@code threads} threads (the calling
     * thread being one of them). The result is the same for any number of threads.
     */
    public TopN[] topN(int[] userRows, int n, boolean excludeSeen, int threads) {
        return topN(userRows, null, n, excludeSeen, threads);
    }

    /**
     * As {@link #topN(int[], int, boolean, int)}, each user's list also obeying its filter: {@code filters[i]} for
     * {@code userRows[i]}, applied inside the scan, so a list is N long when N items pass (null: no filters).
     */
    public TopN[] topN(int[] userRows, ItemFilter[] filters, int n, boolean excludeSeen, int threads) {
        checkQueries("userRows", userRows, users.size(), filters, n, threads);
        int[] seenRows = seen.rows();
        BlockKernel k = kernel();
        return scanAll(users.values(), userRows, blocks(k), k, threads, i -> {
            int row = userRows[i];
            int from = excludeSeen ? seen.from(row) : 0;
            int to = excludeSeen ? seen.to(row) : 0;
            ItemFilter filter = filters == null ? ItemFilter.NONE : filters[i];
            if (filter.allowsAll()) {
                return new UserTopN(n, seenRows, from, to);
            }
            if (filter.excluded().length == 0) {
                return new UserTopN(n, seenRows, from, to, candidateRows(filter), availableRows(filter));
            }
            int[] skip = unionRows(Arrays.copyOfRange(seenRows, from, to), rowsOf(filter.excluded()), -1);
            return new UserTopN(n, skip, 0, skip.length, candidateRows(filter), availableRows(filter));
        });
    }

    /** The {@code n} items most similar to the item at {@code itemRow} (see {@link #similarItems(int[], int[],
     * ItemFilter[], int)}). */
    public TopN similarItems(int itemRow, int n) {
        return similarItems(new int[] {itemRow}, new int[] {n}, new ItemFilter[] {ItemFilter.NONE}, 1)[0];
    }

    /**
     * For each item row, the {@code n[i]} other items whose factors are closest by cosine similarity (the dot
     * product of the two factor vectors, each divided by its Euclidean norm; a vector of zeros stays zeros), the
     * item itself left out and {@code filters[i]} applied inside the scan. Scored with the same blocked kernel as
     * users' top-N, over unit-length copies of the item factors made on first use. Descending similarity, ties by
     * ascending item id; the same result for any number of threads.
     */
    public TopN[] similarItems(int[] itemRows, int[] n, ItemFilter[] filters, int threads) {
        if (n.length != itemRows.length) {
            throw new IllegalArgumentException(n.length + " list lengths for " + itemRows.length + " items");
        }
        checkQueries("itemRows", itemRows, items.size(), filters, Arrays.stream(n).min().orElse(0), threads);
        BlockKernel k = kernel();
        UnitItems unit = unitItems(k);
        return scanAll(unit.values(), itemRows, unit.blocks(), k, threads, i -> {
            ItemFilter filter = filters[i];
            int[] skip = filter.excluded().length == 0 ? new int[] {itemRows[i]}
                    : unionRows(new int[0], rowsOf(filter.excluded()), itemRows[i]);
            return new UserTopN(n[i], skip, 0, skip.length, candidateRows(filter), availableRows(filter));
        });
    }

    private void checkQueries(String name, int[] rows, int limit, ItemFilter[] filters, int n, int threads) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (filters != null && filters.length != rows.length) {
            throw new IllegalArgumentException(filters.length + " filters for " + rows.length + " lists");
        }
        for (int i = 0; i < rows.length; i++) {
            checkRow(name + "[" + i + "]", rows[i], limit);
        }
    }

    /** The rows of the known ids among {@code sortedIds}, ascending (rows ascend with ids). */
    private int[] rowsOf(int[] sortedIds) {
        PrimitiveList.Ints rows = new PrimitiveList.Ints(sortedIds.length);
        for (int id : sortedIds) {
            int row = items.rowOf(id);
            if (row >= 0) {
                rows.add(row);
            }
        }
        return rows.toArray();
    }

    private int[] candidateRows(ItemFilter filter) {
        return filter.candidates() == null ? null : rowsOf(filter.candidates());
    }

    /** The item rows a filter's availability allows, as bits, or null when it allows every item. */
    private long[] availableRows(ItemFilter filter) {
        ItemAvailability availability = filter.availability();
        if (availability.allowsAll()) {
            return null;
        }
        AvailableRows cached = availableRows;
        if (cached == null || cached.source() != availability) {
            long[] bits = new long[(items.size() + 63) >>> 6];
            for (int row = 0; row < items.size(); row++) {
                if (availability.allows(items.id(row))) {
                    bits[row >>> 6] |= 1L << row;
                }
            }
            cached = new AvailableRows(availability, bits);
            availableRows = cached;
        }
        return cached.bits();
    }

    /** An availability's item rows as bits, kept for the next lists that apply the same availability. */
    private record AvailableRows(ItemAvailability source, long[] bits) {
    }

    /** The ascending distinct union of two ascending row arrays and {@code extra} (when not negative). */
    private static int[] unionRows(int[] a, int[] b, int extra) {
        int[] all = Arrays.copyOf(a, a.length + b.length + 1);
        System.arraycopy(b, 0, all, a.length, b.length);
        all[all.length - 1] = extra;
        return Arrays.stream(all).filter(r -> r >= 0).sorted().distinct().toArray();
    }

    /**
     * The top lists of the query rows, whose factors are rows of {@code queryValues}, against {@code layout}, the
     * queries split across {@code threads} threads; {@code topOf(i)} makes query {@code i}'s running list.
     */
    private TopN[] scanAll(float[] queryValues, int[] queryRows, ItemBlocks layout, BlockKernel k, int threads,
                           IntFunction<UserTopN> topOf) {
        TopN[] out = new TopN[queryRows.length];
        int groups = (queryRows.length + BlockKernel.GROUP - 1) / BlockKernel.GROUP;
        int parts = Math.min(threads, groups);
        if (parts <= 1) {
            scan(queryValues, queryRows, 0, queryRows.length, layout, k, topOf, out);
            return out;
        }
        List<FutureTask<Void>> tasks = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int from = Math.min(queryRows.length, (int) ((long) groups * p / parts) * BlockKernel.GROUP);
            int to = Math.min(queryRows.length, (int) ((long) groups * (p + 1) / parts) * BlockKernel.GROUP);
            tasks.add(new FutureTask<>(() -> scan(queryValues, queryRows, from, to, layout, k, topOf, out), null));
        }
        for (int p = 1; p < parts; p++) {
            THREADS.execute(tasks.get(p));
        }
        tasks.get(0).run();
        for (FutureTask<Void> task : tasks) {
            awaitTask(task);
        }
        return out;
    }

    private static void awaitTask(FutureTask<Void> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for top-N threads", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a top-N thread failed", e.getCause());
        }
    }

    /** Fills {@code out[from..to)} with the top lists of {@code queryRows[from..to)}, on this thread. */
    private void scan(float[] queryValues, int[] queryRows, int from, int to, ItemBlocks layout, BlockKernel k,
                      IntFunction<UserTopN> topOf, TopN[] out) {
        int rank = rank();
        int group = BlockKernel.GROUP;
        int count = to - from;
        int groups = (count + group - 1) / group;
        float[] factors = new float[groups * rank * group];
        UserTopN[][] tops = new UserTopN[groups][group];
        boolean open = false;
        for (int i = 0; i < groups * group; i++) {
            int g = i / group;
            int slot = i % group;
            if (i >= count) {
                tops[g][slot] = UserTopN.CLOSED;
                continue;
            }
            int row = queryRows[from + i];
            for (int f = 0; f < rank; f++) {
                factors[(g * rank + f) * group + slot] = queryValues[row * rank + f];
            }
            tops[g][slot] = topOf.apply(from + i);
            open |= tops[g][slot].threshold() != Float.POSITIVE_INFINITY;
        }
        if (open) {
            int chunk = Math.max(1, CHUNK_BYTES / (rank * layout.lanes() * Float.BYTES));
            for (int c = 0; c < layout.blocks(); c += chunk) {
                int end = Math.min(layout.blocks(), c + chunk);
                for (int g = 0; g < groups; g++) {
                    k.scan(layout, factors, g * rank * group, tops[g], c, end);
                }
            }
        }
        int[] itemIds = items.ids();
        for (int i = 0; i < count; i++) {
            out[from + i] = tops[i / group][i % group].drainTo(itemIds);
        }
    }

    /** The item factors scaled to unit length, row-major, and their transposed blocks: what similarity scans. */
    private record UnitItems(float[] values, ItemBlocks blocks) {
    }

    /** The unit-length item factors, made on first use; racing builders make equal copies. */
    private UnitItems unitItems(BlockKernel k) {
        UnitItems u = unitItems;
        if (u == null) {
            int rank = rank();
            float[] raw = items.values();
            float[] unit = new float[raw.length];
            for (int row = 0; row < items.size(); row++) {
                double squares = 0;
                for (int f = 0; f < rank; f++) {
                    squares += (double) raw[row * rank + f] * raw[row * rank + f];
                }
                double norm = Math.sqrt(squares);
                for (int f = 0; f < rank && norm > 0; f++) {
                    unit[row * rank + f] = (float) (raw[row * rank + f] / norm);
                }
            }
            u = new UnitItems(unit, new ItemBlocks(new FactorMatrix(rank, items.ids(), unit), k.lanes()));
            unitItems = u;
        }
        return u;
    }

    private BlockKernel kernel() {
        return kernel != null ? kernel : Kernels.chosen();
    }

    /** The transposed item factors (tests check that {@link #withUsers} shares them). */
    ItemBlocks layout() {
        return blocks(kernel());
    }

    /** The transposed item factors, rebuilt after deserialization; racing builders make equal copies. */
    private ItemBlocks blocks(BlockKernel k) {
        ItemBlocks b = blocks;
        if (b == null) {
            b = new ItemBlocks(items, k.lanes());
            blocks = b;
        }
        return b;
    }

    private static void checkRow(String name, int row, int rows) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException(name + " must be a row in [0, " + rows + "), got " + row);
        }
    }
}
