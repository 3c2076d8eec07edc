package io.freshet.trainer;

import static org.apache.spark.sql.functions.col;

import io.freshet.artifact.ArtifactRecords;
import io.freshet.artifact.RecordBlock;
import io.freshet.trainer.eval.FactorFrames;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The user records of factors.bin and seen.bin, encoded on the executors: the rows are ranged by user id (each user
 * in one partition, partitions in id order) and sorted within their partition, and each partition encodes its
 * records into {@link RecordBlock}s. The driver streams the blocks into the file a partition at a time
 * ({@link #stream}), so what it holds is one partition's bytes (about {@link #PARTITION_BYTES}), whatever the
 * number of users or ratings.
 */
final class UserRecords {
    /** The encoded bytes a partition aims at: what the driver holds at once while it writes a file. */
    static final long PARTITION_BYTES = 4L << 20;

    private UserRecords() {
    }

    /** Encoded records, persisted on the executors until {@link #release}, with the counts a file's header needs. */
    record Encoded(int users, long entries, JavaRDD<RecordBlock> blocks) {
        /** The blocks in user order, one partition's at a time on the driver. */
        Iterator<RecordBlock> stream() {
            return blocks.toLocalIterator();
        }

        void release() {
            blocks.unpersist(false);
        }
    }

    /** The user records of factors.bin from ALS's user factor frame ({@code id} int, {@code features}). */
    static Encoded factors(Dataset<Row> userFactors, int rank, long users) {
        long bytes = users * ArtifactRecords.factorRecordBytes(rank);
        Dataset<Row> sorted = userFactors.repartitionByRange(partitions(bytes, userFactors), col("id"))
                .sortWithinPartitions(col("id"));
        return encoded(sorted.javaRDD().mapPartitions(new EncodeFactors(rank)));
    }

    /**
     * The records of seen.bin from ratings ({@code user}, {@code item} int columns): each user's distinct items,
     * ascending.
     */
    static Encoded seen(Dataset<Row> ratings, long ratingCount) {
        long bytes = 12 * ratingCount;
        Dataset<Row> sorted = ratings.select(col("user"), col("item"))
                .repartitionByRange(partitions(bytes, ratings), col("user"))
                .sortWithinPartitions(col("user"), col("item"));
        return encoded(sorted.javaRDD().mapPartitions(new EncodeSeen()));
    }

    private static int partitions(long bytes, Dataset<Row> rows) {
        int parallelism = rows.sparkSession().sparkContext().defaultParallelism();
        return (int) Math.max(parallelism, Math.min(100_000, (bytes + PARTITION_BYTES - 1) / PARTITION_BYTES));
    }

    private static Encoded encoded(JavaRDD<RecordBlock> blocks) {
        JavaRDD<RecordBlock> persisted = blocks.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // counts only travel to the driver: the blocks stay where they were encoded until streamed
            List<long[]> counts = persisted.map(b -> new long[] {b.records(), b.entries()}).collect();
            long users = 0;
            long entries = 0;
            for (long[] c : counts) {
                users += c[0];
                entries += c[1];
            }
            return new Encoded(Math.toIntExact(users), entries, persisted);
        } catch (RuntimeException e) {
            persisted.unpersist(false);
            throw e;
        }
    }

    /** Encodes a partition of factor rows sorted by id (executor side). */
    private static final class EncodeFactors implements FlatMapFunction<Iterator<Row>, RecordBlock> {
        private static final long serialVersionUID = 1L;
        private final int rank;

        EncodeFactors(int rank) {
            this.rank = rank;
        }

        @Override
        public Iterator<RecordBlock> call(Iterator<Row> rows) {
            RecordBlock.Builder out = new RecordBlock.Builder();
            while (rows.hasNext()) {
                Row row = rows.next();
                out.addFactors(row.getInt(0), FactorFrames.features(row, 1, rank), 0, rank);
            }
            return out.build().iterator();
        }
    }

    /** Encodes a partition of (user, item) rows sorted by user then item, dropping repeated pairs (executor side). */
    private static final class EncodeSeen implements FlatMapFunction<Iterator<Row>, RecordBlock> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<RecordBlock> call(Iterator<Row> rows) {
            RecordBlock.Builder out = new RecordBlock.Builder();
            int[] items = new int[64];
            int n = 0;
            int user = 0;
            while (rows.hasNext()) {
                Row row = rows.next();
                int u = row.getInt(0);
                int item = row.getInt(1);
                if (n > 0 && u != user) {
                    out.addSeen(user, items, 0, n);
                    n = 0;
                }
                user = u;
                if (n > 0 && items[n - 1] == item) {
                    continue;
                }
                if (n == items.length) {
                    items = java.util.Arrays.copyOf(items, n * 2);
                }
                items[n++] = item;
            }
            if (n > 0) {
                out.addSeen(user, items, 0, n);
            }
            return out.build().iterator();
        }
    }
}
