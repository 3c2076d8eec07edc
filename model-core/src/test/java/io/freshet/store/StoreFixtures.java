package io.freshet.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes the files a trainer would write into a pending version, and manifests for it. */
final class StoreFixtures {
    private StoreFixtures() {
    }

    /** The files of a small version, by relative path: seeded bytes, nested ALS files and Spark's _SUCCESS. */
    static Map<String, byte[]> versionFiles(long seed) {
        Random random = new Random(seed);
        byte[] factors = new byte[3000 + random.nextInt(1000)];
        random.nextBytes(factors);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("factors.bin", factors);
        files.put("als/metadata/part-00000", ("{\"rank\":10,\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8));
        files.put("als/userFactors/part-00000.parquet", slice(factors, 100));
        files.put("_SUCCESS", new byte[0]);
        return files;
    }

    static void writeFiles(FileSystem fs, Path dir, Map<String, byte[]> files) {
        files.forEach((name, bytes) -> write(fs, new Path(dir, name), bytes));
    }

    static void write(FileSystem fs, Path file, byte[] bytes) {
        try (OutputStream out = fs.create(file, true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    static void write(FileSystem fs, Path file, String text) {
        write(fs, file, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(FileSystem fs, Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("looking for " + path, e);
        }
    }

    static Manifest manifest(VersionId id, Instant createdAt, String status) {
        return new Manifest(Manifest.FORMAT_VERSION, id.value(), createdAt, status, "0.1.0-test",
                new Manifest.AlsParams(10, 5, 0.1, 1.0, false, false, 42L),
                new Manifest.InputInfo("/data/ratings.csv", "csv", "ab12", 1000, 50, 40, 2),
                1234L, Map.of("rmse", 0.91, "precisionAt10", 0.12),
                new Manifest.GateDecision(Manifest.ACCEPTED.equals(status), "rmse", 0.91, 0.95, null, 0.02, null, null,
                        Manifest.REJECTED.equals(status) ? java.util.List.of("rmse worse than current") : null),
                Map.of());
    }

    private static byte[] slice(byte[] bytes, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, 0, out, 0, length);
        return out;
    }
}
