package io.freshet.predictor.placement;

import io.freshet.fold.FoldedUser;
import io.freshet.fold.FoldedUsers;
import io.freshet.predictor.executor.BatchRecord;
import io.freshet.predictor.executor.FoldPartition;
import io.freshet.predictor.executor.PartitionScoring;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ServingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
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
 * The stream's fold-in state, on the driver: one cached RDD with one {@link FoldedUsers} value per partition, the
 * users of partition i being those that the batch's hash partitioning by user sends to partition i, so a batch
 * meets its users' state partition by partition ({@link FoldPartition}) and only the batch moves. (One value per
 * partition rather than one record per user: the block store then sizes one object, where sizing a record per user
 * took a fifth of the executors' time in the stream benchmark.) A batch gives the next state; {@link #commit} makes
 * it current once the batch's records are written, and with a snapshot directory saves it there as
 * {@code batch-ID} (Spark's object files), keeping the last two. A restarted job starts from the newest snapshot
 * older than its first batch: the Kafka job replays a batch whose offsets were not committed, and that batch's own
 * snapshot is then skipped. Each committed state is checkpointed locally (Spark's local checkpoint: the executors'
 * block stores, lineage cut), so a batch's tasks never carry earlier batches; an executor lost with its state
 * blocks fails the next batch, and a restart resumes from the last snapshot.
 */
public final class FoldState {
    private static final Logger LOG = LoggerFactory.getLogger(FoldState.class);
    static final String SNAPSHOT_PREFIX = "batch-";

    private final JavaSparkContext jsc;
    private final HashPartitioner partitioner;
    private final long idleTimeoutMs;
    private final int maxUsersPerPartition;
    private final Path snapshots; // null: not kept
    private JavaRDD<FoldedUsers> current;
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
            JavaRDD<FoldedUsers> next = results.map(FoldPartition.Result::state)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            // Cut the lineage at every batch: otherwise each state would carry every earlier batch's RDDs, and the
            // broadcast of a model swapped out since (destroyed) would be serialized with the next batch's tasks.
            next.rdd().localCheckpoint();
            // one job: counts, and materialises the next state before the previous one goes (zip: one each a partition)
            long[] usersAndEvicted = results.zip(next).aggregate(new long[3], (n, r) -> {
                n[0] += r._2().size();
                n[1] += r._2().evicted();
                n[2] += r._1().records().size();
                return n;
            }, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
            JavaRDD<FoldedUsers> previous = current;
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
        JavaPairRDD<Integer, String> keyed = events.mapPartitionsToPair(new PartitionScoring.KeyByUser(model))
                .partitionBy(partitioner);
        JavaRDD<FoldPartition.Result> results = keyed.zipPartitions(current,
                new FoldPartition(model, processor, time, idleTimeoutMs, maxUsersPerPartition))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new Batch(results, id);
    }

    public void close() {
        current.unpersist(false);
    }

    private JavaRDD<FoldedUsers> empty() {
        int partitions = partitioner.numPartitions();
        return jsc.parallelize(Collections.nCopies(partitions, FoldedUsers.empty()), partitions);
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
        JavaRDD<FoldedUsers> restoredState = jsc.objectFile(path.toString())
                .flatMapToPair(FoldState::snapshotUsers)
                .partitionBy(partitioner)
                .mapPartitions(users -> {
                    List<FoldedUser> states = new ArrayList<>();
                    users.forEachRemaining(u -> states.add(u._2()));
                    return List.of(FoldedUsers.of(states)).iterator();
                }, true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long users = restoredState.aggregate(0L, (n, u) -> n + u.size(), Long::sum);
        current.unpersist(false);
        current = restoredState;
        LOG.info("fold-in state restored from {}: {} users", path, users);
    }

    /** The users of one snapshot record: a partition's state, or one user as snapshots held it before. */
    private static Iterator<Tuple2<Integer, FoldedUser>> snapshotUsers(Object record) {
        List<FoldedUser> users;
        if (record instanceof FoldedUsers state) {
            users = state.states();
        } else if (record instanceof Tuple2<?, ?> pair && pair._2() instanceof FoldedUser user) {
            users = List.of(user);
        } else {
            throw new IllegalStateException("not a fold-in state record: " + record);
        }
        return users.stream().map(u -> new Tuple2<>(u.user(), u)).iterator();
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
