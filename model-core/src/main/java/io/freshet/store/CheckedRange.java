package io.freshet.store;

import io.freshet.CorruptVersionException;
import io.freshet.Sha256;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The bytes {@code from .. to} of a version's file, each checked against the manifest's chunk digests before it is
 * handed out: the range is read from the start of the chunk holding its first byte to the end of the chunk holding
 * its last, one chunk at a time into memory, and a chunk whose SHA-256 differs from the manifest's, or a file that
 * ends before the manifest's size, is a {@link CorruptVersionException} naming the version, the file and the chunk
 * (docs/store-format.md, "Manifest"). So a reader of part of a file never reads the rest of it, and never sees a
 * byte that was not checked. A failure to read is a {@link StoreException} naming the file.
 */
public final class CheckedRange extends InputStream {
    private final FSDataInputStream in;
    private final Manifest.FileEntry entry;
    private final String name;
    private final Path file;
    private final long to;
    private final byte[] buffer;
    /** The file offset of buffer[0], of the next byte handed out, and of the end of what the buffer holds. */
    private long bufferStart;
    private long position;
    private long bufferEnd;
    private int nextChunk;

    private CheckedRange(FSDataInputStream in, Manifest.FileEntry entry, String name, Path file, long from, long to) {
        this.in = in;
        this.entry = entry;
        this.name = name;
        this.file = file;
        this.to = to;
        this.buffer = new byte[(int) Math.min(entry.chunkBytes(), Math.max(1, entry.bytes()))];
        this.nextChunk = (int) (from / entry.chunkBytes());
        this.position = from;
        this.bufferStart = from;
        this.bufferEnd = from;
    }

    /**
     * Opens bytes {@code from .. to} (exclusive) of {@code file}, whose manifest entry {@code entry} has chunk
     * digests; {@code name} names it in errors ("version ID file NAME").
     */
    public static CheckedRange open(FileSystem fs, Path file, Manifest.FileEntry entry, long from, long to, String name) {
        requireChunks(entry, name);
        if (from < 0 || from > to || to > entry.bytes()) {
            throw new IllegalArgumentException(name + ": range " + from + ".." + to + " is outside its " + entry.bytes()
                    + " bytes");
        }
        FSDataInputStream in;
        try {
            long length = fs.getFileStatus(file).getLen();
            if (length != entry.bytes()) {
                throw new CorruptVersionException(name + ": size mismatch (manifest: " + entry.bytes()
                        + " bytes; found: " + length + " bytes)");
            }
            in = fs.open(file);
        } catch (java.io.FileNotFoundException e) {
            throw new CorruptVersionException(name + ": missing (" + file + ")", e);
        } catch (IOException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        return new CheckedRange(in, entry, name, file, from, to);
    }

    /** CorruptVersionException unless the entry lists chunk digests of a sane size, one per chunk of its bytes. */
    public static void requireChunks(Manifest.FileEntry entry, String name) {
        if (!entry.chunked()) {
            throw new IllegalArgumentException(name + ": its manifest entry has no chunk digests");
        }
        long size = entry.chunkBytes();
        if (size < 1 || size > StoreSettings.MAX_CHUNK_BYTES) {
            throw new CorruptVersionException(name + ": chunk size " + size + " in manifest.json is outside 1.."
                    + StoreSettings.MAX_CHUNK_BYTES);
        }
        long expected = (entry.bytes() + size - 1) / size;
        if (entry.chunks().size() != expected) {
            throw new CorruptVersionException(name + ": manifest.json lists " + entry.chunks().size()
                    + " chunk digests for " + entry.bytes() + " bytes in chunks of " + size + " (" + expected + " expected)");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= to) {
            return -1;
        }
        if (position >= bufferEnd) {
            loadNextChunk();
        }
        int n = (int) Math.min(len, Math.min(bufferEnd, to) - position);
        System.arraycopy(buffer, (int) (position - bufferStart), b, off, n);
        position += n;
        return n;
    }

    /** Reads the next chunk whole, checks it and makes it the buffer. */
    private void loadNextChunk() {
        long start = nextChunk * entry.chunkBytes();
        int length = (int) Math.min(entry.chunkBytes(), entry.bytes() - start);
        try {
            in.readFully(start, buffer, 0, length);
        } catch (EOFException e) {
            throw new CorruptVersionException(name + ": ends inside chunk " + nextChunk + " (bytes " + start + ".."
                    + (start + length) + "), before the " + entry.bytes() + " bytes manifest.json lists", e);
        } catch (ChecksumException e) {
            throw new CorruptVersionException(name + ": chunk " + nextChunk + " fails the file system's own checksum: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot read bytes " + start + ".." + (start + length) + " of " + file + ": "
                    + e.getMessage(), e);
        }
        Sha256 sha = new Sha256();
        sha.update(buffer, 0, length);
        String expected = entry.chunks().get(nextChunk);
        if (!sha.hex().equals(expected)) {
            throw new CorruptVersionException(name + ": chunk " + nextChunk + " (bytes " + start + ".." + (start + length)
                    + ") has sha256 " + sha.hex() + ", manifest.json says " + expected);
        }
        bufferStart = start;
        bufferEnd = start + length;
        nextChunk++;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
