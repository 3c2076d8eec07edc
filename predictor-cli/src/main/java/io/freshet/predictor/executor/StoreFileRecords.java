package io.freshet.predictor.executor;

import io.freshet.store.StoreException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Records of a store file read one at a time on an executor, from a byte offset: nothing is held beyond the
 * record being handed out. The file is closed after the last record, or when the task ends, whichever comes
 * first. Every IOException is rethrown as a StoreException naming the file.
 */
final class StoreFileRecords<T> implements Iterator<T> {
    /** What a file holds from the offset on: an optional header giving the record count, then the records. */
    interface Format<T> {
        /** Reads what precedes the records, if anything, and returns how many records follow. */
        long start(DataInputStream data) throws IOException;

        T read(DataInputStream data) throws IOException;
    }

    private final String path;
    private final Format<T> format;
    private DataInputStream in;
    private long left;

    StoreFileRecords(String path, Configuration conf, long offset, Format<T> format) {
        this.path = path;
        this.format = format;
        this.in = open(path, conf, offset);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> close());
        }
        try {
            left = format.start(in);
        } catch (IOException e) {
            throw new StoreException("cannot read the start of " + path + ": " + e.getMessage(), e);
        }
        if (left <= 0) {
            close();
        }
    }

    private static DataInputStream open(String path, Configuration conf, long offset) {
        Path file = new Path(path);
        FSDataInputStream raw;
        try {
            raw = file.getFileSystem(conf).open(file);
        } catch (IOException e) {
            throw new StoreException("cannot open " + path + ": " + e.getMessage(), e);
        }
        try {
            raw.seek(offset);
        } catch (IOException e) {
            StoreException failure = new StoreException("cannot seek to byte " + offset + " of " + path + ": "
                    + e.getMessage(), e);
            try {
                raw.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
        return new DataInputStream(new BufferedInputStream(raw, 1 << 16));
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
            close();
        }
        return record;
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
