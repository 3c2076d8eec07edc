package io.freshet.scoring;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores users against items from one model's factors: pair scores and exact top-N lists. Built once per model,
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
            if (java.util.Arrays.binarySearch(excludedItemIds, id) >= 0) {
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
        java.util.Arrays.sort(packed, 0, kept);
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
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        for (int i = 0; i < userRows.length; i++) {
            checkRow("userRows[" + i + "]", userRows[i], users.size());
        }
        TopN[] out = new TopN[userRows.length];
        int groups = (userRows.length + BlockKernel.GROUP - 1) / BlockKernel.GROUP;
        int parts = Math.min(threads, groups);
        if (parts <= 1) {
            scan(userRows, 0, userRows.length, n, excludeSeen, out);
            return out;
        }
        List<FutureTask<Void>> tasks = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int from = Math.min(userRows.length, (int) ((long) groups * p / parts) * BlockKernel.GROUP);
            int to = Math.min(userRows.length, (int) ((long) groups * (p + 1) / parts) * BlockKernel.GROUP);
            tasks.add(new FutureTask<>(() -> scan(userRows, from, to, n, excludeSeen, out), null));
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

    /** Fills {@code out[from..to)} with the top-N of {@code userRows[from..to)}, on this thread. */
    private void scan(int[] userRows, int from, int to, int n, boolean excludeSeen, TopN[] out) {
        BlockKernel k = kernel();
        ItemBlocks layout = blocks(k);
        int rank = rank();
        int group = BlockKernel.GROUP;
        int count = to - from;
        int groups = (count + group - 1) / group;
        float[] userValues = users.values();
        float[] factors = new float[groups * rank * group];
        UserTopN[][] tops = new UserTopN[groups][group];
        int[] seenRows = seen.rows();
        for (int i = 0; i < groups * group; i++) {
            int g = i / group;
            int slot = i % group;
            if (i >= count) {
                tops[g][slot] = UserTopN.CLOSED;
                continue;
            }
            int row = userRows[from + i];
            for (int f = 0; f < rank; f++) {
                factors[(g * rank + f) * group + slot] = userValues[row * rank + f];
            }
            tops[g][slot] = excludeSeen ? new UserTopN(n, seenRows, seen.from(row), seen.to(row))
                    : new UserTopN(n, seenRows, 0, 0);
        }
        if (n > 0) {
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
