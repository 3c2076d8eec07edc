package io.freshet.predictor;

import java.io.IOException;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;

/** Where one batch's records go: the console, stderr, or one file per batch in a directory. */
public interface BatchWriter {

    void write(JavaRDD<String> records, long batchTimeMillis);

    static BatchWriter of(Endpoint endpoint, Configuration conf, PrintStream out, PrintStream err) {
        return switch (endpoint.kind()) {
            case CONSOLE -> (records, time) -> print(records, out);
            case STDERR -> (records, time) -> print(records, err);
            case DIR -> new DirWriter(endpoint.path(), conf);
            default -> throw new IllegalArgumentException(endpoint.kind() + " is not a sink of the DStream job");
        };
    }

    private static void print(JavaRDD<String> records, PrintStream stream) {
        for (String record : records.collect()) {
            stream.println(record);
        }
        stream.flush();
    }

    /**
     * Writes each non-empty batch as {@code DIR/batch-TIME.jsonl}, atomically: the executors write under
     * {@code DIR/_tmp/}, and the file is renamed into place only when complete.
     */
    final class DirWriter implements BatchWriter {
        private final Path dir;
        private final Configuration conf;

        DirWriter(String dir, Configuration conf) {
            this.dir = new Path(dir);
            this.conf = conf;
        }

        @Override
        public void write(JavaRDD<String> records, long batchTimeMillis) {
            Path tmp = new Path(dir, "_tmp/batch-" + batchTimeMillis + "-" + System.nanoTime());
            Path target = new Path(dir, String.format("batch-%013d.jsonl", batchTimeMillis));
            records.coalesce(1).saveAsTextFile(tmp.toString());
            try {
                FileSystem fs = tmp.getFileSystem(conf);
                Path part = new Path(tmp, "part-00000");
                // A batch without events may have no partitions, and then Spark writes no part file at all.
                if (fs.exists(part) && fs.getFileStatus(part).getLen() > 0) {
                    if (!fs.rename(part, target)) {
                        throw new IOException("rename " + part + " -> " + target + " returned false");
                    }
                }
                fs.delete(tmp, true);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write batch file " + target + ": " + e.getMessage(), e);
            }
        }
    }
}
