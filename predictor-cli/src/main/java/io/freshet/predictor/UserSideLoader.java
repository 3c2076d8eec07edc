package io.freshet.predictor;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactRecords;
import io.freshet.serving.ServingModel;
import io.freshet.store.CorruptVersionException;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreException;
import io.freshet.store.VersionId;
import java.io.DataInputStream;
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
 * sequentially (its records are streamed, never held whole). Both are moved to the partitioner, zipped partition
 * by partition into one {@link UserBlock} each, persisted (memory, spilling to disk) and counted, which both
 * materialises the cache and checks that the executors read as many users as the driver's validated load.
 */
final class UserSideLoader {
    private UserSideLoader() {
    }

    static JavaRDD<UserBlock> load(JavaSparkContext jsc, ModelStore store, ServingModel model,
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
        JavaPairRDD<Integer, float[]> factorRecords = jsc.parallelize(rangeIndexes, ranges)
                .flatMapToPair(new ReadUserRange(factors, conf, rank, users, ranges)).partitionBy(partitioner);
        JavaPairRDD<Integer, int[]> seenRecords = jsc.parallelize(List.of(0), 1)
                .flatMapToPair(new ReadSeen(seen, conf)).partitionBy(partitioner);
        JavaRDD<UserBlock> blocks = factorRecords.zipPartitions(seenRecords, new PackBlock(rank))
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

    /** Reads range {@code r} of {@code ranges} equal runs of user records (fixed width: found by offset alone). */
    private static final class ReadUserRange implements PairFlatMapFunction<Integer, Integer, float[]> {
        private final String path;
        private final SerializableConfiguration conf;
        private final int rank;
        private final int users;
        private final int ranges;

        ReadUserRange(String path, SerializableConfiguration conf, int rank, int users, int ranges) {
            this.path = path;
            this.conf = conf;
            this.rank = rank;
            this.users = users;
            this.ranges = ranges;
        }

        @Override
        public Iterator<Tuple2<Integer, float[]>> call(Integer range) {
            long from = (long) users * range / ranges;
            long to = (long) users * (range + 1) / ranges;
            return new StoreFileRecords<>(path, conf.value(), ArtifactRecords.userRecordOffset(rank, from),
                    new StoreFileRecords.Format<Tuple2<Integer, float[]>>() {
                        @Override
                        public long start(DataInputStream data) {
                            return to - from;
                        }

                        @Override
                        public Tuple2<Integer, float[]> read(DataInputStream data) throws java.io.IOException {
                            float[] values = new float[rank];
                            int id = ArtifactRecords.readFactorRecord(data, rank, values, 0, "user", path);
                            return new Tuple2<>(id, values);
                        }
                    });
        }
    }

    /** Reads seen.bin from its start, record by record. */
    private static final class ReadSeen implements PairFlatMapFunction<Integer, Integer, int[]> {
        private final String path;
        private final SerializableConfiguration conf;

        ReadSeen(String path, SerializableConfiguration conf) {
            this.path = path;
            this.conf = conf;
        }

        @Override
        public Iterator<Tuple2<Integer, int[]>> call(Integer ignored) {
            return new StoreFileRecords<>(path, conf.value(), 0, new StoreFileRecords.Format<Tuple2<Integer, int[]>>() {
                private long entriesLeft;

                @Override
                public long start(DataInputStream data) throws java.io.IOException {
                    ArtifactRecords.SeenHeader header = ArtifactRecords.readSeenHeader(data, path);
                    entriesLeft = header.entries();
                    return header.users();
                }

                @Override
                public Tuple2<Integer, int[]> read(DataInputStream data) throws java.io.IOException {
                    ArtifactRecords.SeenRecord r = ArtifactRecords.readSeenRecord(data, entriesLeft, path);
                    entriesLeft -= r.items().length;
                    return new Tuple2<>(r.user(), r.items());
                }
            });
        }
    }

    /** Packs one partition's user records and seen records into its block. */
    private static final class PackBlock implements FlatMapFunction2<Iterator<Tuple2<Integer, float[]>>,
            Iterator<Tuple2<Integer, int[]>>, UserBlock> {
        private final int rank;

        PackBlock(int rank) {
            this.rank = rank;
        }

        @Override
        public Iterator<UserBlock> call(Iterator<Tuple2<Integer, float[]>> factors, Iterator<Tuple2<Integer, int[]>> seen) {
            return List.of(UserBlock.of(rank, factors, seen)).iterator();
        }
    }
}
