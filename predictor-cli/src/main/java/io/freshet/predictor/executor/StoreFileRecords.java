package io.freshet.predictor.executor;

import io.freshet.store.CheckedRange;
import io.freshet.store.Manifest;
import io.freshet.store.StoreException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Records of a store file read one at a time on an executor, from a byte offset: nothing is held beyond the
 * record being handed out (and, for a file whose manifest entry lists chunk digests, the chunk being read, checked
 * against its digest before any of its bytes is used: {@link CheckedRange}). The file is closed after the last
 * record, or when the task ends, whichever comes first. Every IOException is rethrown as a StoreException naming
 * the file; a chunk that fails its digest is a CorruptVersionException naming the version, file and chunk.
 */
final class StoreFileRecords<T> implements Iterator<T> {
    /** What a file holds from the offset on: an optional header giving the record count, then the records. */
    interface Format<T> {
        /** Reads what precedes the records, if anything, and returns how many records follow. */
        long start(DataInputStream data) throws IOException;

        T read(DataInputStream data) throws IOException;

        /** Reads and checks what follows the last record, if anything (before the file is closed). */
        default void finish(DataInputStream data) throws IOException {
        }
    }

    /** Where to read: the file, its manifest entry, the byte range and the name errors give it. */
    record Range(String path, Manifest.FileEntry entry, long from, long to, String name) implements java.io.Serializable {
    }

    private final String path;
    private final Format<T> format;
    private DataInputStream in;
    private long left;

    StoreFileRecords(Range range, Configuration conf, Format<T> format) {
        this.path = range.path();
        this.format = format;
        this.in = new DataInputStream(new BufferedInputStream(open(range, conf), 1 << 16));
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> close());
        }
        try {
            left = format.start(in);
        } catch (EOFException e) {
            throw new StoreException("cannot read the start of " + path + ": it ends", e);
        } catch (IOException e) {
            throw new StoreException("cannot read the start of " + path + ": " + e.getMessage(), e);
        }
        if (left <= 0) {
            finish();
        }
    }

    /** The range checked by its chunks when the entry lists chunk digests; else the file from the range's start. */
    private static InputStream open(Range range, Configuration conf) {
        Path file = new Path(range.path());
        try {
            if (range.entry() != null && range.entry().chunked()) {
                return CheckedRange.open(file.getFileSystem(conf), file, range.entry(), range.from(), range.to(),
                        range.name());
            }
        } catch (IOException e) {
            throw new StoreException("cannot open " + range.path() + ": " + e.getMessage(), e);
        }
        FSDataInputStream raw;
        try {
            raw = file.getFileSystem(conf).open(file);
        } catch (IOException e) {
            throw new StoreException("cannot open " + range.path() + ": " + e.getMessage(), e);
        }
        try {
            raw.seek(range.from());
        } catch (IOException e) {
            StoreException failure = new StoreException("cannot seek to byte " + range.from() + " of " + range.path()
                    + ": " + e.getMessage(), e);
            try {
                raw.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
        return raw;
    }

    @Override
    public boolean hasNext() {
        return left > 0;
    }

    @Override
    public T next() {
        if (left <= 0) {
            throw new NoSuchElementException("no records left to read in " + path);
        }
        T record;
        try {
            record = format.read(in);
        } catch (IOException e) {
            throw new StoreException("cannot read " + path + ": " + (e instanceof EOFException ? "it ends" : e.getMessage())
                    + " with " + left + " records of the range still to read", e);
        }
        if (--left == 0) {
            finish();
        }
        return record;
    }

    private void finish() {
        try {
            format.finish(in);
        } catch (EOFException e) {
            throw new StoreException("cannot read " + path + ": it ends before its end marker", e);
        } catch (IOException e) {
            throw new StoreException("cannot read the end of " + path + ": " + e.getMessage(), e);
        }
        close();
    }

    private void close() {
        if (in == null) {
            return;
        }
        DataInputStream open = in;
        in = null;
        try {
            open.close();
        } catch (IOException e) {
            throw new StoreException("cannot close " + path + ": " + e.getMessage(), e);
        }
    }
}
