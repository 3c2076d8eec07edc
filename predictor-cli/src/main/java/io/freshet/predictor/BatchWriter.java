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
                    Path free = free(fs, target);
                    if (!fs.rename(part, free)) {
                        throw new IOException("rename " + part + " -> " + free + " returned false");
                    }
                }
                fs.delete(tmp, true);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write batch file " + target + ": " + e.getMessage(), e);
            }
        }

        /**
         * {@code target}, or when a file of that name exists (a batch time seen again after a restart),
         * {@code batch-TIME-N.jsonl} with the first free N: a rename never replaces a file, which on a local
         * file system it silently would.
         */
        private static Path free(FileSystem fs, Path target) throws IOException {
            Path free = target;
            String name = target.getName();
            String stem = name.substring(0, name.length() - ".jsonl".length());
            for (int n = 1; fs.exists(free); n++) {
                free = new Path(target.getParent(), stem + "-" + n + ".jsonl");
            }
            return free;
        }
    }
}
