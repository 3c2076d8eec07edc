package io.freshet.store;

import io.freshet.Sha256;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's size and SHA-256 and the SHA-256 of each consecutive chunk of {@code chunkBytes} bytes, taken in one
 * pass over its bytes (as they are written, or read once): what a manifest's {@code files} entry records. Not
 * thread-safe.
 */
final class ChunkedSha256 {
    private final long chunkBytes;
    private final Sha256 whole = new Sha256();
    private final List<String> chunks = new ArrayList<>();
    private Sha256 chunk = new Sha256();

    ChunkedSha256(long chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkBytes);
        }
        this.chunkBytes = chunkBytes;
    }

    void update(byte[] data, int offset, int length) {
        whole.update(data, offset, length);
        int at = offset;
        int left = length;
        while (left > 0) {
            int n = (int) Math.min(left, chunkBytes - chunk.bytes());
            chunk.update(data, at, n);
            at += n;
            left -= n;
            if (chunk.bytes() == chunkBytes) {
                chunks.add(chunk.hex());
                chunk = new Sha256();
            }
        }
    }

    /** The entry of what went in so far: a last, partial chunk counts as a chunk; an empty file has none. */
    Manifest.FileEntry entry() {
        List<String> all = new ArrayList<>(chunks);
        if (chunk.bytes() > 0) {
            all.add(chunk.hex());
        }
        return new Manifest.FileEntry(whole.bytes(), whole.hex(), chunkBytes, all);
    }

    /** {@code out}, feeding this digest with every byte written through it. */
    OutputStream writing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                update(b, off, len);
            }
        };
    }
}
