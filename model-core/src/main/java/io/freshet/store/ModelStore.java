package io.freshet.store;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The model store: immutable versions and a "current" pointer under one Hadoop FileSystem URI
 * ({@code file:///...}, a bare local path, {@code hdfs://...}). The one class that knows the layout
 * (docs/store-format.md):
 * <pre>
 *   STORE/versions/ID/        complete versions (manifest.json, factors.bin, seen.bin, als/)
 *   STORE/_tmp/ID.NONCE/      versions being written; cleaned by later runs after a grace period
 *   STORE/CURRENT             the pointer: the id of the served version, replaced atomically
 *   STORE/_lock               the store lock, created exclusively, guarding pointer moves
 * </pre>
 */
public final class ModelStore {

    /** Opens (without creating anything) the store at {@code uri}. */
    public static ModelStore open(String uri, Configuration conf) {
        throw new UnsupportedOperationException("store: to be implemented");
    }

    /** The fully qualified URI of the store root. */
    public URI uri() {
        throw new UnsupportedOperationException();
    }

    public FileSystem fileSystem() {
        throw new UnsupportedOperationException();
    }

    /** The complete versions, oldest first. */
    public List<VersionId> versions() {
        throw new UnsupportedOperationException();
    }

    /** The manifest of a complete version; VersionNotFoundException when there is none, CorruptVersionException when unreadable. */
    public Manifest manifest(VersionId id) {
        throw new UnsupportedOperationException();
    }

    /** The directory of a complete version. */
    public Path versionPath(VersionId id) {
        throw new UnsupportedOperationException();
    }

    /** Opens a file of a complete version, by its path relative to the version directory. */
    public InputStream openFile(VersionId id, String relativePath) {
        throw new UnsupportedOperationException();
    }

    /** What CURRENT says, exactly, without checking that the version exists. */
    public Optional<VersionId> pointer() {
        throw new UnsupportedOperationException();
    }

    /**
     * The version to serve: CURRENT when it names a complete version; otherwise (missing pointer, or one
     * naming a version that is gone) the newest complete servable version, with a warning in the log.
     */
    public Optional<VersionId> current() {
        throw new UnsupportedOperationException();
    }

    /** Starts a new version under a temporary name; the caller writes its files into {@link PendingVersion#path()}. */
    public PendingVersion begin() {
        throw new UnsupportedOperationException();
    }

    /**
     * Finishes a pending version: checksums every file, writes manifest.json (never overwriting),
     * verifies, and renames it into versions/. Returns the published id. The pointer does not move.
     */
    public VersionId publish(PendingVersion pending, Manifest manifest) {
        throw new UnsupportedOperationException();
    }

    /** Moves the pointer to a complete, servable version under the store lock. Returns the previous pointer. */
    public Optional<VersionId> promote(VersionId id) {
        throw new UnsupportedOperationException();
    }

    /** Re-reads every file of a complete version and checks it against the manifest's sizes and checksums. */
    public void verify(VersionId id) {
        throw new UnsupportedOperationException();
    }

    /**
     * Deletes the oldest complete versions beyond the newest {@code keep}, never the one CURRENT names nor
     * one younger than {@code grace}; also removes temporaries older than {@code grace}. Returns what went.
     */
    public List<VersionId> prune(int keep, Duration grace) {
        throw new UnsupportedOperationException();
    }

    /** Deletes leftover temporaries older than {@code olderThan}; returns how many. */
    public int cleanTemporaries(Duration olderThan) {
        throw new UnsupportedOperationException();
    }

    /** A version being written: its future id and the temporary directory that holds its files. */
    public record PendingVersion(VersionId id, Path path) {
    }
}
