package io.freshet.testing;

import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Versions of a local store made or changed by hand for tests of the store's checks: a byte changed after publish,
 * a manifest as a Freshet before chunk digests wrote it, a mapped-id version.
 */
public final class StoreEdits {
    private StoreEdits() {
    }

    /**
     * Changes one byte of a published local file and drops its Hadoop .crc, as a tool that knows nothing of Hadoop
     * would (the store's own checks must find it).
     */
    public static void flipByte(ModelStore store, VersionId id, String file, long offset) {
        Path dir = local(store, id);
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(file));
            bytes[Math.toIntExact(offset)] ^= 0x5a;
            Files.write(dir.resolve(file), bytes);
            Files.deleteIfExists(dir.resolve("." + file + ".crc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites a published local version's manifest as a Freshet before chunk digests wrote it: without them. */
    public static void dropChunkDigests(ModelStore store, VersionId id) {
        Path dir = local(store, id);
        try {
            String json = Files.readString(dir.resolve("manifest.json"));
            String old = json.replaceAll(",\\s*\"chunkBytes\" : \\d+,\\s*\"chunks\" : \\[[^\\]]*\\]", "");
            if (old.contains("chunk")) {
                throw new IllegalStateException("chunk digests left in " + old);
            }
            Files.writeString(dir.resolve("manifest.json"), old);
            Files.deleteIfExists(dir.resolve(".manifest.json.crc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path local(ModelStore store, VersionId id) {
        return Path.of(store.versionPath(id).toUri());
    }
}
