package io.freshet.predictor.placement;

import io.freshet.fold.FoldedUser;
import io.freshet.predictor.executor.BatchRecord;
import io.freshet.predictor.executor.FoldPartition;
import io.freshet.predictor.executor.PartitionScoring;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ServingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The stream's fold-in state, on the driver: one cached RDD of (user, {@link FoldedUser}), hash-partitioned by user
 * like each batch's events, so a batch meets its users' state partition by partition ({@link FoldPartition}) and
 * only the batch moves. A batch gives the next state; {@link #commit} makes it current once the batch's records are
 * written, and with a snapshot directory saves it there as {@code batch-ID} (Spark's object files), keeping the
 * last two. A restarted job starts from the newest snapshot older than its first batch: the Kafka job replays a
 * batch whose offsets were not committed, and that batch's own snapshot is then skipped. Each committed state is
 * checkpointed locally (Spark's local checkpoint: the executors' block stores, lineage cut), so a batch's tasks
 * never carry earlier batches; an executor lost with its state blocks fails the next batch, and a restart resumes
 * from the last snapshot.
 */
public final class FoldState {
    private static final Logger LOG = LoggerFactory.getLogger(FoldState.class);
    static final String SNAPSHOT_PREFIX = "batch-";

    private final JavaSparkContext jsc;
    private final HashPartitioner partitioner;
    private final long idleTimeoutMs;
    private final int maxUsersPerPartition;
    private final Path snapshots; // null: not kept
    private JavaPairRDD<Integer, FoldedUser> current;
    private boolean restored;
    private boolean snapshotted;

    /**
     * @param snapshots where committed states are saved, or null (the state then lives as long as the job)
     */
    public FoldState(JavaSparkContext jsc, Duration idleTimeout, int maxUsers, String snapshots) {
        this.jsc = jsc;
        this.partitioner = new HashPartitioner(Math.max(1, jsc.defaultParallelism()));
        this.idleTimeoutMs = idleTimeout.toMillis();
        this.maxUsersPerPartition = Math.max(1, (int) Math.ceil(maxUsers / (double) partitioner.numPartitions()));
        this.snapshots = snapshots == null ? null : new Path(snapshots);
        this.current = empty();
    }

    /** A batch scored against the state: its records, and the state it leaves (not current until committed). */
    public final class Batch {
        private final JavaRDD<FoldPartition.Result> results;
        private final long id;

        private Batch(JavaRDD<FoldPartition.Result> results, long id) {
            this.results = results;
            this.id = id;
        }

        public JavaRDD<BatchRecord> records() {
            return results.flatMap(r -> r.records().iterator());
        }

        /** Makes this batch's state current (after its records were written) and snapshots it. */
        public Stats commit() {
            JavaPairRDD<Integer, FoldedUser> next = results
                    .flatMapToPair(r -> r.state().stream().map(u -> new Tuple2<>(u.user(), u)).iterator())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            // Cut the lineage at every batch: otherwise each state would carry every earlier batch's RDDs, and the
            // broadcast of a model swapped out since (destroyed) would be serialized with the next batch's tasks.
            next.rdd().localCheckpoint();
            long[] usersAndEvicted = results.aggregate(new long[3], (n, r) -> {
                n[0] += r.state().size();
                n[1] += r.evicted();
                n[2] += r.records().size();
                return n;
            }, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
            next.count(); // materialised before the previous state goes
            JavaPairRDD<Integer, FoldedUser> previous = current;
            current = next;
            previous.unpersist(false);
            results.unpersist(false);
            if (usersAndEvicted[1] > 0 || usersAndEvicted[2] > 0 || !snapshotted) {
                snapshot(id); // an empty batch that dropped no one left the state as it was
                snapshotted = true;
            }
            return new Stats(usersAndEvicted[0], usersAndEvicted[1]);
        }

        public void abandon() {
            results.unpersist(false);
        }
    }

    /** The users the state holds after a batch, and how many it dropped (idle or over the bound). */
    public record Stats(long users, long evicted) {
    }

    /**
     * Scores a batch whose model is broadcast whole against the state. {@code id} orders batches (the Kafka batch
     * id, or the DStream batch time); {@code time} is the users' activity time.
     */
    public Batch score(JavaRDD<String> events, Broadcast<ServingModel> model, EventProcessor processor, long id,
                       long time) {
        restoreOnce(id);
        JavaPairRDD<Integer, String> keyed = events.mapPartitionsToPair(new PartitionScoring.KeyByUser())
                .partitionBy(partitioner);
        JavaRDD<FoldPartition.Result> results = keyed.zipPartitions(current,
                new FoldPartition(model, processor, time, idleTimeoutMs, maxUsersPerPartition))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new Batch(results, id);
    }

    public void close() {
        current.unpersist(false);
    }

    private JavaPairRDD<Integer, FoldedUser> empty() {
        return JavaPairRDD.fromJavaRDD(jsc.<Tuple2<Integer, FoldedUser>>emptyRDD()).partitionBy(partitioner);
    }

    private void restoreOnce(long firstBatch) {
        if (restored || snapshots == null) {
            restored = true;
            return;
        }
        restored = true;
        Optional<Long> newest = snapshotIds().stream().filter(i -> i < firstBatch).max(Long::compare);
        if (newest.isEmpty()) {
            return;
        }
        Path path = new Path(snapshots, SNAPSHOT_PREFIX + newest.get());
        JavaPairRDD<Integer, FoldedUser> restoredState = JavaPairRDD.fromJavaRDD(
                jsc.<Tuple2<Integer, FoldedUser>>objectFile(path.toString())).partitionBy(partitioner)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long users = restoredState.count();
        current.unpersist(false);
        current = restoredState;
        LOG.info("fold-in state restored from {}: {} users", path, users);
    }

    private void snapshot(long id) {
        if (snapshots == null) {
            return;
        }
        Path path = new Path(snapshots, SNAPSHOT_PREFIX + id);
        try {
            FileSystem fs = path.getFileSystem(jsc.hadoopConfiguration());
            if (fs.exists(path)) {
                fs.delete(path, true); // a replayed batch writes its state again
            }
            current.saveAsObjectFile(path.toString());
            List<Long> ids = snapshotIds();
            for (long old : ids) {
                if (old < id && ids.stream().filter(i -> i > old && i <= id).count() >= 2) {
                    fs.delete(new Path(snapshots, SNAPSHOT_PREFIX + old), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the fold-in state to " + path + ": " + e.getMessage(), e);
        }
    }

    private List<Long> snapshotIds() {
        List<Long> ids = new ArrayList<>();
        try {
            FileSystem fs = snapshots.getFileSystem(jsc.hadoopConfiguration());
            if (!fs.exists(snapshots)) {
                return ids;
            }
            for (FileStatus s : fs.listStatus(snapshots)) {
                String name = s.getPath().getName();
                if (s.isDirectory() && name.startsWith(SNAPSHOT_PREFIX)
                        && fs.exists(new Path(s.getPath(), "_SUCCESS"))) {
                    try {
                        ids.add(Long.parseLong(name.substring(SNAPSHOT_PREFIX.length())));
                    } catch (NumberFormatException e) {
                        LOG.warn("ignoring {} in the fold-in snapshots: not a batch id", s.getPath());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the fold-in snapshots in " + snapshots + ": " + e.getMessage(),
                    e);
        }
        return ids;
    }
}
