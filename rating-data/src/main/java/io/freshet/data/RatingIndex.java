package io.freshet.data;

import io.freshet.artifact.SeenItems;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Who rated what, on the driver: the distinct users with the items each rated (the seen items a model
 * excludes), and every item's rating count (popularity). Built with no shuffle: each partition sends its
 * (user, item) pairs packed into sorted longs, and its item counts, and the driver merges them. The reader
 * sends them from the parse itself ({@link PartitionReport}); {@link #of} runs one pass over a DataFrame.
 * The driver holds every pair once while it builds the index, as it must anyway to write the seen items.
 */
public final class RatingIndex {
    private final long ratings;
    private final SeenItems seen;
    private final int[] popularItems;
    private final int[] popularCounts;

    private RatingIndex(long ratings, SeenItems seen, long[] popularity) {
        this.ratings = ratings;
        this.seen = seen;
        this.popularItems = new int[popularity.length];
        this.popularCounts = new int[popularity.length];
        for (int i = 0; i < popularity.length; i++) {
            popularItems[i] = item(popularity[i]);
            popularCounts[i] = Integer.MAX_VALUE - user(popularity[i]);
        }
    }

    /** Indexes the {@code user} and {@code item} int columns of {@code ratings} (one Spark job). */
    public static RatingIndex of(Dataset<Row> ratings) {
        return merge(ratings.select(RatingSchema.USER, RatingSchema.ITEM).javaRDD().mapPartitions(new Summarize())
                .collect());
    }

    /** The index of all the ratings of {@code parts}, each part one partition's (see {@link Part#of}). */
    static RatingIndex merge(List<Part> parts) {
        long[] pairs = new long[Math.toIntExact(parts.stream().mapToLong(p -> p.pairs.length).sum())];
        long[] counts = new long[Math.toIntExact(parts.stream().mapToLong(p -> p.itemCounts.length).sum())];
        int atPair = 0;
        int atCount = 0;
        for (Part p : parts) {
            System.arraycopy(p.pairs, 0, pairs, atPair, p.pairs.length);
            System.arraycopy(p.itemCounts, 0, counts, atCount, p.itemCounts.length);
            atPair += p.pairs.length;
            atCount += p.itemCounts.length;
        }
        Arrays.sort(pairs); // the JDK's sort finds the parts' sorted runs and merges them
        Arrays.sort(counts);
        return new RatingIndex(pairs.length, seen(pairs), popularity(counts));
    }

    /** The ratings indexed, duplicates of a (user, item) pair included. */
    public long ratings() {
        return ratings;
    }

    /** Distinct users. */
    public long users() {
        return seen.users();
    }

    /** Distinct items. */
    public long items() {
        return popularItems.length;
    }

    /** Each user's distinct rated items, ascending. */
    public SeenItems seen() {
        return seen;
    }

    /** Item ids by descending rating count, ties by ascending id (a copy). */
    public int[] popularItems() {
        return popularItems.clone();
    }

    /** The rating count of each entry of {@link #popularItems()} (a copy). */
    public int[] popularCounts() {
        return popularCounts.clone();
    }

    /** A (user, item) pair as one long whose signed order is the order of (user, item) as signed ints. */
    static long pack(int user, int item) {
        return ((long) user << 32) | ((item ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL);
    }

    static int user(long pair) {
        return (int) (pair >> 32);
    }

    static int item(long pair) {
        return (int) pair ^ Integer.MIN_VALUE;
    }

    private static SeenItems seen(long[] sorted) {
        int users = 0;
        int entries = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || user(sorted[i]) != user(sorted[i - 1])) {
                users++;
            }
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                entries++;
            }
        }
        int[] userIds = new int[users];
        int[] offsets = new int[users + 1];
        int[] itemIds = new int[entries];
        int u = -1;
        int e = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || user(sorted[i]) != user(sorted[i - 1])) {
                userIds[++u] = user(sorted[i]);
                offsets[u] = e;
            }
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                itemIds[e++] = item(sorted[i]);
            }
        }
        offsets[users] = e;
        return new SeenItems(userIds, offsets, itemIds);
    }

    /** (item, count) packed with {@link #pack}, ascending by item, from pairs in any order. */
    private static long[] itemCounts(long[] pairs) {
        int[] items = new int[pairs.length];
        for (int i = 0; i < items.length; i++) {
            items[i] = item(pairs[i]);
        }
        Arrays.sort(items);
        long[] counts = new long[items.length];
        int n = 0;
        for (int i = 0; i < items.length; ) {
            int j = i;
            while (j < items.length && items[j] == items[i]) {
                j++;
            }
            counts[n++] = pack(items[i], j - i);
            i = j;
        }
        return Arrays.copyOf(counts, n);
    }

    /**
     * Items by descending count, ties by ascending id, from (item, count) packed entries sorted by item (an item
     * may have several, one per partition), as (Integer.MAX_VALUE - count, item) packed: ascending order.
     */
    private static long[] popularity(long[] sortedItemCounts) {
        long[] byCount = new long[sortedItemCounts.length];
        int n = 0;
        for (int i = 0; i < sortedItemCounts.length; ) {
            int item = user(sortedItemCounts[i]);
            long count = 0;
            for (; i < sortedItemCounts.length && user(sortedItemCounts[i]) == item; i++) {
                count += item(sortedItemCounts[i]);
            }
            byCount[n++] = pack((int) (Integer.MAX_VALUE - Math.min(count, Integer.MAX_VALUE)), item);
        }
        long[] popularity = Arrays.copyOf(byCount, n);
        Arrays.sort(popularity);
        return popularity;
    }

    /**
     * One partition's ratings, summarized on its executor: the (user, item) pairs packed with {@link #pack},
     * sorted, and each item's rating count as (item, count) packed, sorted by item.
     */
    record Part(long[] pairs, long[] itemCounts) implements Serializable {
        static final Part EMPTY = new Part(new long[0], new long[0]);

        /** The part of the first {@code n} packed pairs of {@code pairs} (which it may reorder). */
        static Part of(long[] pairs, int n) {
            long[] sorted = n == pairs.length ? pairs : Arrays.copyOf(pairs, n);
            Arrays.sort(sorted);
            return new Part(sorted, RatingIndex.itemCounts(sorted));
        }
    }

    /** Packs and summarizes one partition's (user, item) rows (executor side). */
    private static final class Summarize implements FlatMapFunction<Iterator<Row>, Part> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Part> call(Iterator<Row> rows) {
            PairBuffer pairs = new PairBuffer();
            while (rows.hasNext()) {
                Row row = rows.next();
                pairs.add(row.getInt(0), row.getInt(1));
            }
            return List.of(pairs.part()).iterator();
        }
    }

    /** A growing array of packed pairs (executor side). */
    static final class PairBuffer implements Serializable {
        private static final long serialVersionUID = 1L;
        private long[] pairs = new long[1024];
        private int n;

        void add(int user, int item) {
            if (n == pairs.length) {
                pairs = Arrays.copyOf(pairs, Math.multiplyExact(n, 2));
            }
            pairs[n++] = pack(user, item);
        }

        Part part() {
            return Part.of(pairs, n);
        }
    }
}
