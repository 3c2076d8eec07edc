package io.freshet.predictor;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactWriter;
import io.freshet.artifact.ModelArtifact;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * What goes wrong with a local store in the field, made by hand: a version published from a half-written
 * factor file, a file changed after publish by a tool that knows nothing of Hadoop's .crc files, a rejected
 * version, a CURRENT edited by hand (docs/store-format.md: the id on the first line).
 */
public final class StoreDamage {
    private StoreDamage() {
    }

    /** The bytes of the artifact's factors.bin. */
    public static byte[] factorBytes(ModelArtifact artifact) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ArtifactWriter.writeFactors(artifact, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Publishes a version whose factors.bin holds only the first half of its bytes (a writer that died
     * mid-file and a store that checksummed what it found). Its manifest matches the truncated file.
     */
    public static VersionId publishTruncatedFactors(ModelStore store, ModelArtifact artifact) {
        ModelStore.PendingVersion pending = store.begin();
        byte[] factors = factorBytes(artifact);
        write(store, new org.apache.hadoop.fs.Path(pending.path(), ArtifactFiles.FACTORS),
                Arrays.copyOf(factors, factors.length / 2));
        write(store, new org.apache.hadoop.fs.Path(pending.path(), ArtifactFiles.SEEN), seenBytes(artifact));
        return store.publish(pending, ModelFixtures.manifest(pending.id(), artifact, Manifest.ACCEPTED));
    }

    /** Publishes a version the quality gate rejected. */
    public static VersionId publishRejected(ModelStore store, ModelArtifact artifact) {
        ModelStore.PendingVersion pending = store.begin();
        ModelFixtures.write(store, pending.path(), artifact);
        return store.publish(pending, ModelFixtures.manifest(pending.id(), artifact, Manifest.REJECTED));
    }

    /** Replaces a file of a published version with other bytes and drops its Hadoop .crc, as cp or an editor would. */
    public static void overwrite(ModelStore store, VersionId id, String file, byte[] bytes) {
        Path dir = local(store.versionPath(id));
        try {
            Files.write(dir.resolve(file), bytes);
            Files.deleteIfExists(dir.resolve("." + file + ".crc"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot overwrite " + dir.resolve(file), e);
        }
    }

    /** Writes CURRENT by hand, naming {@code text} (a version id, or anything else). */
    public static void pointAt(ModelStore store, String text) {
        Path root = local(new org.apache.hadoop.fs.Path(store.uri()));
        Path temp = root.resolve("CURRENT.by-hand");
        try {
            Files.writeString(temp, text + "\n");
            Files.move(temp, root.resolve("CURRENT"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve("CURRENT"), e);
        }
    }

    /** The local directory of a version (the store must be on the local file system). */
    public static Path local(org.apache.hadoop.fs.Path path) {
        return Path.of(path.toUri());
    }

    private static byte[] seenBytes(ModelArtifact artifact) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ArtifactWriter.writeSeen(artifact.seen(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(ModelStore store, org.apache.hadoop.fs.Path file, byte[] bytes) {
        try (OutputStream out = store.fileSystem().create(file, false)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
