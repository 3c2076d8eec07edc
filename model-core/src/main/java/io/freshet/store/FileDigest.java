package io.freshet.store;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Size, SHA-256 and chunk digests of one file, read through the store's FileSystem. */
final class FileDigest {
    private static final int BUFFER = 1 << 16;

    private FileDigest() {
    }

    /**
     * Reads {@code file} to the end, taking the digests of its chunks of {@code chunkBytes}; IOExceptions
     * (including FileNotFoundException) go to the caller.
     */
    static Manifest.FileEntry of(FileSystem fs, Path file, long chunkBytes) throws IOException {
        ChunkedSha256 sha256 = new ChunkedSha256(chunkBytes);
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = fs.open(file, BUFFER)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        }
        return sha256.entry();
    }
}
