package io.freshet.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Size and SHA-256 of one file, read through the store's FileSystem. */
final class FileDigest {
    private static final int BUFFER = 1 << 16;

    private FileDigest() {
    }

    /** Reads {@code file} to the end; IOExceptions (including FileNotFoundException) go to the caller. */
    static Manifest.FileEntry of(FileSystem fs, Path file) throws IOException {
        MessageDigest sha256 = sha256();
        long bytes = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = fs.open(file, BUFFER)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                bytes += n;
            }
        }
        return new Manifest.FileEntry(bytes, HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
