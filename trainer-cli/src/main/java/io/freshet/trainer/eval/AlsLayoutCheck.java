package io.freshet.trainer.eval;

import io.freshet.CorruptVersionException;
import io.freshet.Sha256;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple3;

/**
 * Checks the files of one part of a version's ALS layout against the sha256 and sizes its manifest lists, on the
 * executors (one task a file, each streaming its file through the digest), before Spark reads them: the gate reads
 * the current version's user factors from there rather than from the checked factors.bin. The driver receives the
 * mismatches only.
 */
final class AlsLayoutCheck {
    private AlsLayoutCheck() {
    }

    /**
     * Checks every file the manifest lists under {@code prefix} (such as {@code als/userFactors/}); a
     * CorruptVersionException naming each file that differs, is missing, or when none is listed.
     */
    static void check(SparkSession spark, ModelStore store, VersionId id, Manifest manifest, String prefix) {
        Path dir = store.fileSystem().makeQualified(store.versionPath(id));
        List<Tuple3<String, String, Long>> files = new ArrayList<>();
        for (Map.Entry<String, Manifest.FileEntry> e : manifest.files().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                files.add(new Tuple3<>(new Path(dir, e.getKey()).toString(), e.getValue().sha256(), e.getValue().bytes()));
            }
        }
        if (files.isEmpty()) {
            throw new CorruptVersionException("version " + id + ": manifest.json lists no file under " + prefix);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConfiguration conf = new SerializableConfiguration(jsc.hadoopConfiguration());
        List<String> problems = jsc.parallelize(files, Math.min(files.size(), jsc.defaultParallelism()))
                .map(f -> problem(f._1(), f._2(), f._3(), conf))
                .filter(p -> !p.isEmpty())
                .collect();
        if (!problems.isEmpty()) {
            throw new CorruptVersionException("version " + id + ": " + String.join("; ", problems));
        }
    }

    /** What is wrong with one file (executor side), or "" when it matches. */
    private static String problem(String file, String sha256, long bytes, SerializableConfiguration conf) {
        Path path = new Path(file);
        Sha256 digest = new Sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = digest.reading(path.getFileSystem(conf.value()).open(path))) {
            while (in.read(buffer) >= 0) {
                // the digest reads as the bytes pass
            }
        } catch (java.io.FileNotFoundException e) {
            return file + " is missing";
        } catch (IOException e) {
            return "cannot read " + file + ": " + e.getMessage();
        }
        if (digest.bytes() != bytes || !digest.hex().equals(sha256)) {
            return file + " has " + digest.bytes() + " bytes of sha256 " + digest.hex() + ", manifest.json says "
                    + bytes + " bytes of sha256 " + sha256;
        }
        return "";
    }
}
