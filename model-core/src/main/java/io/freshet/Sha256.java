package io.freshet;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Freshet's one SHA-256: a running digest that also counts the bytes it saw, fed directly, by a stream read
 * through it, or by a stream written through it. Not thread-safe.
 */
public final class Sha256 {
    private final MessageDigest digest;
    private long bytes;

    public Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** The SHA-256 of {@code data}, in lower-case hex. */
    public static String hex(byte[] data) {
        Sha256 sha = new Sha256();
        sha.update(data, 0, data.length);
        return sha.hex();
    }

    public void update(byte[] data, int offset, int length) {
        digest.update(data, offset, length);
        bytes += length;
    }

    private void update(int b) {
        digest.update((byte) b);
        bytes++;
    }

    /** How many bytes went into the digest so far. */
    public long bytes() {
        return bytes;
    }

    /** The digest of what went in so far, in lower-case hex; more may go in after it. */
    public String hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
        }
    }

    /** {@code in}, feeding this digest with every byte read through it (skipped bytes are not: a reader
     * that skips sees a digest and count that match nothing). */
    public InputStream reading(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    update(b);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    update(b, off, n);
                }
                return n;
            }
        };
    }

    /** {@code out}, feeding this digest with every byte written through it. */
    public OutputStream writing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                update(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                update(b, off, len);
            }
        };
    }
}
