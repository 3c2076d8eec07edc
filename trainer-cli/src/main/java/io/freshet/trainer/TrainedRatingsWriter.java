package io.freshet.trainer;

import io.freshet.PrimitiveList;
import io.freshet.artifact.TrainedRatings;
import io.freshet.artifact.TrainedRatingsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

import static org.apache.spark.sql.functions.col;

/**
 * Writes the ratings a model was fitted on into its draft as {@code ratings/part-NNNNN.bin} shards
 * (docs/store-format.md), from the executors: the ratings are ranged by user and sorted, and each partition writes
 * its own shard, so nothing that grows with the ratings passes through the driver. A fold-in re-solves a known
 * user's vector from them.
 */
final class TrainedRatingsWriter {
    private TrainedRatingsWriter() {
    }

    static void write(Dataset<Row> ratings, Path draft) {
        int partitions = Math.max(1, ratings.rdd().getNumPartitions());
        SerializableConfiguration conf = new SerializableConfiguration(
                ratings.sparkSession().sparkContext().hadoopConfiguration());
        ratings.select(col("user"), col("item"), col("rating"))
                .repartitionByRange(partitions, col("user"))
                .sortWithinPartitions(col("user"), col("item"))
                .foreachPartition(new WriteShard(draft.toString(), conf));
    }

    /** Packs one partition (sorted by user, then item) and writes it as one shard; an empty partition writes none. */
    private static final class WriteShard implements ForeachPartitionFunction<Row> {
        private static final long serialVersionUID = 1L;
        private final String draft;
        private final SerializableConfiguration conf;

        WriteShard(String draft, SerializableConfiguration conf) {
            this.draft = draft;
            this.conf = conf;
        }

        @Override
        public void call(Iterator<Row> rows) throws IOException {
            PrimitiveList.Ints users = new PrimitiveList.Ints();
            PrimitiveList.Ints offsets = new PrimitiveList.Ints();
            PrimitiveList.Ints items = new PrimitiveList.Ints();
            PrimitiveList.Floats values = new PrimitiveList.Floats();
            offsets.add(0);
            while (rows.hasNext()) {
                Row row = rows.next();
                int user = row.getInt(0);
                if (users.size() == 0 || users.get(users.size() - 1) != user) {
                    if (users.size() > 0) {
                        offsets.add(items.size());
                    }
                    users.add(user);
                }
                items.add(row.getInt(1));
                values.add(row.getFloat(2));
            }
            if (users.size() == 0) {
                return;
            }
            offsets.add(items.size());
            TrainedRatings shard = new TrainedRatings(users.toArray(), offsets.toArray(), items.toArray(),
                    values.toArray());
            Path path = new Path(draft, TrainedRatingsFile.shardName(TaskContext.getPartitionId()));
            FileSystem fs = path.getFileSystem(conf.value());
            // overwrite: a retried task writes the same shard again
            try (OutputStream out = fs.create(path, true)) {
                TrainedRatingsFile.write(shard, out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
