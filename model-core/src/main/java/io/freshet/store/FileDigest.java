package io.freshet.store;

import io.freshet.Sha256;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Size and SHA-256 of one file, read through the store's FileSystem. */
final class FileDigest {
    private static final int BUFFER = 1 << 16;

    private FileDigest() {
    }

    /** Reads {@code file} to the end; IOExceptions (including FileNotFoundException) go to the caller. */
    static Manifest.FileEntry of(FileSystem fs, Path file) throws IOException {
        Sha256 sha256 = new Sha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = fs.open(file, BUFFER)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        }
        return new Manifest.FileEntry(sha256.bytes(), sha256.hex());
    }
}
