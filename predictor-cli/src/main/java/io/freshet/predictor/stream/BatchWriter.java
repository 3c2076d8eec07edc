package io.freshet.predictor.stream;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one batch's records go: the console, stderr, or one file per batch in a directory. A write has two steps
 * so that both sides of a batch can be prepared before either is seen: {@link #stage} does the work where
 * nobody sees it, {@link Staged#commit} makes it visible at once.
 */
public interface BatchWriter {

    /** Prepares the batch's records; nothing is visible until {@link Staged#commit}. */
    Staged stage(JavaRDD<String> records, long batchTimeMillis);

    /** Stages and commits at once. */
    default void write(JavaRDD<String> records, long batchTimeMillis) {
        stage(records, batchTimeMillis).commit();
    }

    /** A batch's records ready to be shown: committed once, or discarded. */
    interface Staged {
        /** Makes the records visible; once it returns they are, and a failed commit showed nothing. */
        void commit();

        /** Drops what {@link BatchWriter#stage} prepared. */
        default void discard() {
        }
    }

    static BatchWriter of(Endpoint endpoint, Configuration conf, PrintStream out, PrintStream err) {
        return switch (endpoint.kind()) {
            case CONSOLE -> (records, time) -> print(records.collect(), out);
            case STDERR -> (records, time) -> print(records.collect(), err);
            case DIR -> new DirWriter(endpoint.path(), conf);
            default -> throw new IllegalArgumentException(endpoint.kind() + " is not a sink of the DStream job");
        };
    }

    private static Staged print(List<String> records, PrintStream stream) {
        return () -> {
            for (String record : records) {
                stream.println(record);
            }
            stream.flush();
        };
    }

    /**
     * Writes each non-empty batch as {@code DIR/batch-TIME.jsonl}, atomically: the executors write under
     * {@code DIR/_tmp/}, and the file is renamed into place only when complete.
     */
    final class DirWriter implements BatchWriter {
        private static final Logger LOG = LoggerFactory.getLogger(DirWriter.class);
        private final Path dir;
        private final Configuration conf;

        DirWriter(String dir, Configuration conf) {
            this.dir = new Path(dir);
            this.conf = conf;
        }

        @Override
        public Staged stage(JavaRDD<String> records, long batchTimeMillis) {
            Path tmp = new Path(dir, "_tmp/batch-" + batchTimeMillis + "-" + System.nanoTime());
            Path target = new Path(dir, String.format("batch-%013d.jsonl", batchTimeMillis));
            StagedFile staged = new StagedFile(tmp, target);
            try {
                records.coalesce(1).saveAsTextFile(tmp.toString());
            } catch (Exception e) { // Spark's job failures, and the IOExceptions Scala does not declare
                SinkWriteException failure = staged.failure(e);
                try {
                    staged.discard();
                } catch (SinkWriteException cleanup) {
                    failure.addSuppressed(cleanup);
                }
                throw failure;
            }
            return staged;
        }

        /** One batch written under {@code tmp}, to be renamed to {@code target} or a free name beside it. */
        private final class StagedFile implements Staged {
            private final Path tmp;
            private final Path target;

            StagedFile(Path tmp, Path target) {
                this.tmp = tmp;
                this.target = target;
            }

            @Override
            public void commit() {
                try {
                    FileSystem fs = tmp.getFileSystem(conf);
                    Path part = new Path(tmp, "part-00000");
                    // A batch without events may have no partitions, and then Spark writes no part file at all.
                    if (fs.exists(part) && fs.getFileStatus(part).getLen() > 0) {
                        rename(fs, part, free(fs, target));
                    }
                } catch (IOException e) {
                    throw failure(e);
                }
                // The batch is in place: a temporary directory left behind is never read, and must not make a
                // retry write the batch a second time.
                try {
                    tmp.getFileSystem(conf).delete(tmp, true);
                } catch (IOException e) {
                    LOG.warn("batch file {} written, but {} is left behind: {}", target, tmp, e.getMessage());
                }
            }

            @Override
            public void discard() {
                try {
                    tmp.getFileSystem(conf).delete(tmp, true);
                } catch (IOException e) {
                    throw new SinkWriteException("cannot delete " + tmp + ": " + e.getMessage(), e);
                }
            }

            SinkWriteException failure(Exception e) {
                return new SinkWriteException("cannot write batch file " + target + ": "
                        + SinkWriteException.reason(e), e);
            }
        }

        /**
         * Renames {@code part} to {@code free}. A rename that throws may still have taken effect (an RPC that timed
         * out): when the part is gone and the file is in place, it did.
         */
        private static void rename(FileSystem fs, Path part, Path free) throws IOException {
            boolean renamed;
            try {
                renamed = fs.rename(part, free);
            } catch (IOException e) {
                try {
                    if (!fs.exists(part) && fs.exists(free)) {
                        return;
                    }
                } catch (IOException check) {
                    e.addSuppressed(check);
                }
                throw e;
            }
            if (!renamed) {
                throw new IOException("rename " + part + " -> " + free + " returned false");
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
