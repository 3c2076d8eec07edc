package io.freshet.store;

import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads, exclusively creates and atomically replaces the store's small control files (CURRENT, _lock, PIN and
 * the history records). Hadoop's generic calls are not enough for both on every file system: on the local file system
 * {@code create(path, false)} checks and then opens (two steps) and the overwriting rename deletes first,
 * so the local implementation uses java.nio ({@code CREATE_NEW}, {@code ATOMIC_MOVE}) instead.
 * Every failure is a {@link StoreException} naming the path.
 */
interface ControlFiles {

    /** The whole file, or empty when it does not exist. */
    Optional<byte[]> read(Path file);

    /** Creates {@code file} with {@code content} unless it exists; false when it already exists. */
    boolean createExclusive(Path file, byte[] content);

    /**
     * Writes {@code content} to {@code temp} (a fresh name), then renames it over {@code target} so that a
     * reader sees the old content or the new one, never a missing or partial file.
     */
    void replace(Path target, Path temp, byte[] content);

    /**
     * Writes {@code content} to {@code temp} (a fresh name), then moves it to {@code target} in one step unless
     * {@code target} exists: false then, and {@code temp} is removed. A reader sees no {@code target} or all of it,
     * never a partial file, and an existing {@code target} is never replaced. Creates {@code target}'s directory.
     */
    boolean createNew(Path target, Path temp, byte[] content);

    /** Deletes {@code file}; false when it was not there. */
    boolean delete(Path file);

    /** The local implementation for the "file" scheme, Hadoop's FileSystem and FileContext otherwise. */
    static ControlFiles of(FileSystem fs, Configuration conf) {
        if ("file".equals(fs.getUri().getScheme())) {
            return new LocalControlFiles();
        }
        return new HadoopControlFiles(fs, conf);
    }
}
