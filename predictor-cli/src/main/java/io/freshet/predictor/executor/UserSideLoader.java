package io.freshet.predictor.executor;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactRecords;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import io.freshet.serving.ServingModel;
import io.freshet.CorruptVersionException;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreException;
import io.freshet.store.VersionId;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * Builds the cached user side of a joined model on the executors, once per version. The user section of
 * factors.bin has fixed-width records, so it is split into as many byte ranges as partitions and each task reads
 * its range straight from the store; seen.bin has variable-width records and no index, so one task reads it
 * sequentially (streamed, never held whole). Readers pack records into chunks per target partition
 * ({@link PartitionChunks}), which are moved to the partitioner, zipped partition by partition into one
 * {@link UserBlock} each, persisted (memory, spilling to disk) and counted: that both materialises the cache and
 * checks that the executors read as many users as the driver's validated load.
 */
public final class UserSideLoader {
    private UserSideLoader() {
    }

    /** The cached user side of {@code model}, one block per partition of {@code partitioner}; nothing stays cached on failure. */
    public static JavaRDD<UserBlock> load(JavaSparkContext jsc, ModelStore store, ServingModel model,
                                          HashPartitioner partitioner) {
        VersionId id = VersionId.parse(model.version());
        Path dir = store.fileSystem().makeQualified(store.versionPath(id));
        String factors = new Path(dir, ArtifactFiles.FACTORS).toString();
        String seen = new Path(dir, ArtifactFiles.SEEN).toString();
        int rank = model.scorer().rank();
        int users = model.scorer().users();
        int ranges = partitioner.numPartitions();
        SerializableConfiguration conf = new SerializableConfiguration(jsc.hadoopConfiguration());

        List<Integer> rangeIndexes = IntStream.range(0, ranges).boxed().toList();
        JavaPairRDD<Integer, FactorMatrix> factorChunks = jsc.parallelize(rangeIndexes, ranges)
                .flatMapToPair(new ReadUserRange(factors, conf, rank, users, partitioner)).partitionBy(partitioner);
        JavaPairRDD<Integer, SeenItems> seenChunks = jsc.parallelize(List.of(0), 1)
                .flatMapToPair(new ReadSeen(seen, conf, partitioner)).partitionBy(partitioner);
        JavaRDD<UserBlock> blocks = factorChunks.values().zipPartitions(seenChunks.values(), new PackBlock(rank))
                .setName("freshet users of " + id).persist(StorageLevel.MEMORY_AND_DISK());
        long read;
        try {
            read = blocks.map(b -> (long) b.size()).reduce(Long::sum);
        } catch (Exception e) { // a failed job is a SparkException, which Java does not see declared
            blocks.unpersist(false);
            throw new StoreException("cannot read the users of version " + id + " from " + dir + " on the executors: "
                    + firstLine(e.getMessage()), e);
        }
        if (read != users) {
            blocks.unpersist(false);
            throw new CorruptVersionException("version " + id + " file " + ArtifactFiles.FACTORS + ": the executors read "
                    + read + " users, the driver's validated load has " + users);
        }
        return blocks;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * Reads range {@code r} of as many equal runs of user records as partitions (fixed width: found by offset
     * alone), as chunks keyed by the partition their users go to (a HashPartitioner sends key p to partition p).
     */
    private static final class ReadUserRange implements PairFlatMapFunction<Integer, Integer, FactorMatrix> {
        private final String path;
        private final SerializableConfiguration conf;
        private final int rank;
        private final int users;
        private final HashPartitioner partitioner;

        ReadUserRange(String path, SerializableConfiguration conf, int rank, int users, HashPartitioner partitioner) {
            this.path = path;
            this.conf = conf;
            this.rank = rank;
            this.users = users;
            this.partitioner = partitioner;
        }

        @Override
        public Iterator<Tuple2<Integer, FactorMatrix>> call(Integer range) {
            int ranges = partitioner.numPartitions();
            long from = (long) users * range / ranges;
            long to = (long) users * (range + 1) / ranges;
            StoreFileRecords<Tuple2<Integer, float[]>> records = new StoreFileRecords<>(path, conf.value(),
                    ArtifactRecords.userRecordOffset(rank, from), new StoreFileRecords.Format<>() {
                        @Override
                        public long start(DataInputStream data) {
                            return to - from;
                        }

                        @Override
                        public Tuple2<Integer, float[]> read(DataInputStream data) throws IOException {
                            float[] values = new float[rank];
                            int id = ArtifactRecords.readFactorRecord(data, rank, values, 0, "user", path);
                            return new Tuple2<>(id, values);
                        }
                    });
            return new PartitionChunks<>(records, partitioner, Tuple2::_1, p -> new FactorChunk(rank),
                    PartitionChunks.FLUSH_BYTES);
        }
    }

    /** Reads seen.bin from its start, record by record, as chunks keyed by the partition their users go to. */
    private static final class ReadSeen implements PairFlatMapFunction<Integer, Integer, SeenItems> {
        private final String path;
        private final SerializableConfiguration conf;
        private final HashPartitioner partitioner;

        ReadSeen(String path, SerializableConfiguration conf, HashPartitioner partitioner) {
            this.path = path;
            this.conf = conf;
            this.partitioner = partitioner;
        }

        @Override
        public Iterator<Tuple2<Integer, SeenItems>> call(Integer ignored) {
            StoreFileRecords<ArtifactRecords.SeenRecord> records = new StoreFileRecords<>(path, conf.value(), 0,
                    new StoreFileRecords.Format<>() {
                        private long entriesLeft;

                        @Override
                        public long start(DataInputStream data) throws IOException {
                            ArtifactRecords.SeenHeader header = ArtifactRecords.readSeenHeader(data, path);
                            entriesLeft = header.entries();
                            return header.users();
                        }

                        @Override
                        public ArtifactRecords.SeenRecord read(DataInputStream data) throws IOException {
                            ArtifactRecords.SeenRecord r = ArtifactRecords.readSeenRecord(data, entriesLeft, path);
                            entriesLeft -= r.items().length;
                            return r;
                        }
                    });
            return new PartitionChunks<>(records, partitioner, ArtifactRecords.SeenRecord::user,
                    p -> new SeenChunk(), PartitionChunks.FLUSH_BYTES);
        }
    }

    /** One partition's user records, packed as a factor matrix (records arrive ascending). */
    static final class FactorChunk implements PartitionChunks.Chunk<Tuple2<Integer, float[]>, FactorMatrix> {
        private final int rank;
        private int[] ids = new int[64];
        private float[] values;
        private int size;

        FactorChunk(int rank) {
            this.rank = rank;
            this.values = new float[ids.length * rank];
        }

        @Override
        public long add(Tuple2<Integer, float[]> record) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                values = Arrays.copyOf(values, size * 2 * rank);
            }
            ids[size] = record._1();
            System.arraycopy(record._2(), 0, values, size * rank, rank);
            size++;
            return ArtifactRecords.factorRecordBytes(rank);
        }

        @Override
        public boolean isEmpty() {
            return size == 0;
        }

        @Override
        public FactorMatrix take() {
            FactorMatrix chunk = new FactorMatrix(rank, Arrays.copyOf(ids, size), Arrays.copyOf(values, size * rank));
            size = 0;
            return chunk;
        }
    }

    /** One partition's seen records, packed as compressed rows (records arrive ascending). */
    static final class SeenChunk implements PartitionChunks.Chunk<ArtifactRecords.SeenRecord, SeenItems> {
        private int[] users = new int[64];
        private int[] offsets = new int[65];
        private int[] items = new int[256];
        private int size;

        @Override
        public long add(ArtifactRecords.SeenRecord record) {
            if (size + 1 == offsets.length) {
                users = Arrays.copyOf(users, size * 2);
                offsets = Arrays.copyOf(offsets, size * 2 + 1);
            }
            int end = Math.addExact(offsets[size], record.items().length);
            if (end > items.length) {
                items = Arrays.copyOf(items, Math.max(end, items.length * 2));
            }
            System.arraycopy(record.items(), 0, items, offsets[size], record.items().length);
            users[size] = record.user();
            offsets[size + 1] = end;
            size++;
            return (2L + record.items().length) * Integer.BYTES;
        }

        @Override
        public boolean isEmpty() {
            return size == 0;
        }

        @Override
        public SeenItems take() {
            SeenItems chunk = new SeenItems(Arrays.copyOf(users, size), Arrays.copyOf(offsets, size + 1),
                    Arrays.copyOf(items, offsets[size]));
            size = 0;
            return chunk;
        }
    }

    /** Packs one partition's chunks into its block. */
    private static final class PackBlock implements FlatMapFunction2<Iterator<FactorMatrix>, Iterator<SeenItems>, UserBlock> {
        private final int rank;

        PackBlock(int rank) {
            this.rank = rank;
        }

        @Override
        public Iterator<UserBlock> call(Iterator<FactorMatrix> factors, Iterator<SeenItems> seen) {
            return List.of(UserBlock.of(rank, factors, seen)).iterator();
        }
    }
}
