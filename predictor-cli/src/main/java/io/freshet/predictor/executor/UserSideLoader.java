package io.freshet.predictor.executor;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.CorruptArtifactException;
import io.freshet.artifact.ArtifactRecords;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import io.freshet.serving.UserSide;
import io.freshet.CorruptVersionException;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreException;
import io.freshet.store.VersionId;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
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
 * sequentially (streamed, never held whole). When the manifest lists chunk digests ({@link UserSide#checked}), every
 * byte read is checked against them first: each range is read from the start of its first chunk to the end of its
 * last, the ranges together cover the whole user section, and seen.bin is read whole, so a changed byte anywhere
 * in the user side fails the build whichever users a batch asks for. Records are validated as the driver's whole
 * load validates them (ascending ids, finite factors, counts, end marker). Readers pack records into chunks per
 * target partition ({@link PartitionChunks}), which are moved to the partitioner, zipped partition by partition into
 * one {@link UserBlock} each, persisted (memory, spilling to disk) and counted: that both materialises the cache and
 * checks that the executors read as many users as factors.bin's header declares.
 */
public final class UserSideLoader {
    private UserSideLoader() {
    }

    /**
     * The cached user side {@code side} describes, one block per partition of {@code partitioner}; nothing stays
     * cached on failure. A chunk or record the executors find corrupt is a CorruptVersionException naming the
     * version, file and what; any other failure to read a StoreException.
     */
    public static JavaRDD<UserBlock> load(JavaSparkContext jsc, ModelStore store, UserSide side,
                                          HashPartitioner partitioner) {
        VersionId id = VersionId.parse(side.version());
        Path dir = store.fileSystem().makeQualified(store.versionPath(id));
        int rank = side.rank();
        long users = side.users();
        int ranges = partitioner.numPartitions();
        SerializableConfiguration conf = new SerializableConfiguration(jsc.hadoopConfiguration());
        Manifest.FileEntry factorsEntry = side.checked() ? side.factors() : null;
        Manifest.FileEntry seenEntry = side.checked() ? side.seen() : null;
        String factorsPath = new Path(dir, ArtifactFiles.FACTORS).toString();
        List<StoreFileRecords.Range> userRanges = new ArrayList<>();
        for (int r = 0; r < ranges; r++) {
            long from = users * r / ranges;
            long to = users * (r + 1) / ranges;
            userRanges.add(new StoreFileRecords.Range(factorsPath, factorsEntry,
                    ArtifactRecords.userRecordOffset(rank, from), ArtifactRecords.userRecordOffset(rank, to),
                    name(id, ArtifactFiles.FACTORS)));
        }
        StoreFileRecords.Range seenRange = new StoreFileRecords.Range(new Path(dir, ArtifactFiles.SEEN).toString(),
                seenEntry, 0, side.seen().bytes(), name(id, ArtifactFiles.SEEN));

        JavaPairRDD<Integer, FactorMatrix> factorChunks = jsc.parallelize(userRanges, ranges)
                .flatMapToPair(new ReadUserRange(conf, rank, side.userIndexLimit(), partitioner)).partitionBy(partitioner);
        JavaPairRDD<Integer, SeenItems> seenChunks = jsc.parallelize(List.of(seenRange), 1)
                .flatMapToPair(new ReadSeen(conf, side.userIndexLimit(), partitioner)).partitionBy(partitioner);
        JavaRDD<UserBlock> blocks = factorChunks.values().zipPartitions(seenChunks.values(), new PackBlock(rank))
                .setName("freshet users of " + id).persist(StorageLevel.MEMORY_AND_DISK());
        long read;
        try {
            read = blocks.map(b -> (long) b.size()).reduce(Long::sum);
        } catch (Exception e) { // a failed job is a SparkException, which Java does not see declared
            blocks.unpersist(false);
            CorruptVersionException corrupt = corruptCause(e);
            if (corrupt != null) {
                throw new CorruptVersionException(corrupt.getMessage() + " (read on the executors)", e);
            }
            throw new StoreException("cannot read the users of version " + id + " from " + dir + " on the executors: "
                    + firstLine(e.getMessage()), e);
        }
        if (read != users) {
            blocks.unpersist(false);
            throw new CorruptVersionException(name(id, ArtifactFiles.FACTORS) + ": the executors read " + read
                    + " users, its header declares " + users);
        }
        return blocks;
    }

    private static String name(VersionId id, String file) {
        return "version " + id + " file " + file;
    }

    /** The CorruptVersionException a failed job's task threw, if Spark handed it back as a cause. */
    private static CorruptVersionException corruptCause(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof CorruptVersionException c) {
                return c;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** CorruptArtifactException unless {@code id} is below {@code limit} (a mapped-id version's dictionary size). */
    private static void checkIndex(int id, int limit, String side, String name) {
        if (limit >= 0 && (id < 0 || id >= limit)) {
            throw new CorruptArtifactException(name + ": " + side + " index " + id + " is outside its dictionary ("
                    + limit + " ids)");
        }
    }

    /**
     * Reads one byte range of user records (fixed width: found by offset alone), as chunks keyed by the partition
     * their users go to (a HashPartitioner sends key p to partition p).
     */
    private static final class ReadUserRange implements PairFlatMapFunction<StoreFileRecords.Range, Integer, FactorMatrix> {
        private final SerializableConfiguration conf;
        private final int rank;
        private final int indexLimit;
        private final HashPartitioner partitioner;

        ReadUserRange(SerializableConfiguration conf, int rank, int indexLimit, HashPartitioner partitioner) {
            this.conf = conf;
            this.rank = rank;
            this.indexLimit = indexLimit;
            this.partitioner = partitioner;
        }

        @Override
        public Iterator<Tuple2<Integer, FactorMatrix>> call(StoreFileRecords.Range range) {
            long count = (range.to() - range.from()) / ArtifactRecords.factorRecordBytes(rank);
            String name = range.name();
            StoreFileRecords<Tuple2<Integer, float[]>> records = new StoreFileRecords<>(range, conf.value(),
                    new StoreFileRecords.Format<>() {
                        private long row = -1;
                        private int previous;

                        @Override
                        public long start(DataInputStream data) {
                            return count;
                        }

                        @Override
                        public Tuple2<Integer, float[]> read(DataInputStream data) throws IOException {
                            float[] values = new float[rank];
                            int id = ArtifactRecords.readFactorRecord(data, rank, values, 0, "user", name);
                            row++;
                            if (row > 0 && id <= previous) {
                                throw new CorruptArtifactException(name + ": user ids not ascending at byte "
                                        + (range.from() + row * ArtifactRecords.factorRecordBytes(rank)) + " ("
                                        + previous + " then " + id + ")");
                            }
                            previous = id;
                            checkIndex(id, indexLimit, "user", name);
                            return new Tuple2<>(id, values);
                        }
                    });
            return new PartitionChunks<>(records, partitioner, Tuple2::_1, p -> new FactorChunk(rank),
                    PartitionChunks.FLUSH_BYTES);
        }
    }

    /** Reads seen.bin whole, record by record, as chunks keyed by the partition their users go to. */
    private static final class ReadSeen implements PairFlatMapFunction<StoreFileRecords.Range, Integer, SeenItems> {
        private final SerializableConfiguration conf;
        private final int indexLimit;
        private final HashPartitioner partitioner;

        ReadSeen(SerializableConfiguration conf, int indexLimit, HashPartitioner partitioner) {
            this.conf = conf;
            this.indexLimit = indexLimit;
            this.partitioner = partitioner;
        }

        @Override
        public Iterator<Tuple2<Integer, SeenItems>> call(StoreFileRecords.Range range) {
            String name = range.name();
            StoreFileRecords<ArtifactRecords.SeenRecord> records = new StoreFileRecords<>(range, conf.value(),
                    new StoreFileRecords.Format<>() {
                        private long entriesLeft;
                        private long read;
                        private int previous;

                        @Override
                        public long start(DataInputStream data) throws IOException {
                            ArtifactRecords.SeenHeader header = ArtifactRecords.readSeenHeader(data, name);
                            entriesLeft = header.entries();
                            return header.users();
                        }

                        @Override
                        public ArtifactRecords.SeenRecord read(DataInputStream data) throws IOException {
                            ArtifactRecords.SeenRecord r = ArtifactRecords.readSeenRecord(data, entriesLeft, name);
                            if (read > 0 && r.user() <= previous) {
                                throw new CorruptArtifactException(name + ": users not ascending at record " + read);
                            }
                            checkIndex(r.user(), indexLimit, "user", name);
                            previous = r.user();
                            read++;
                            entriesLeft -= r.items().length;
                            return r;
                        }

                        @Override
                        public void finish(DataInputStream data) throws IOException {
                            if (entriesLeft != 0) {
                                throw new CorruptArtifactException(name + ": holds " + entriesLeft
                                        + " entries fewer than its header says");
                            }
                            ArtifactRecords.expectEnd(data, name);
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
