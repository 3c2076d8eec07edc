package io.freshet.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.apache.hadoop.fs.Path;

/**
 * Where everything lives under a store root (docs/store-format.md, "Layout"). Pure path arithmetic: no
 * I/O. Every temporary name carries a random nonce so that two writers never share one.
 */
final class StoreLayout {
    static final String VERSIONS = "versions";
    static final String TEMPORARIES = "_tmp";
    static final String POINTER = "CURRENT";
    static final String LOCK = "_lock";
    static final String HISTORY = "history";
    static final String PIN = "PIN";
    static final String AVAILABILITY = "availability";
    static final String RECORD_SUFFIX = ".json";
    static final String MANIFEST = "manifest.json";
    static final String PRUNED_SUFFIX = ".pruned";
    static final String LEASE_SUFFIX = ".lease";

    private static final SecureRandom NONCES = new SecureRandom();

    private final Path root;

    StoreLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path versionsDir() {
        return new Path(root, VERSIONS);
    }

    Path temporariesDir() {
        return new Path(root, TEMPORARIES);
    }

    Path pointerFile() {
        return new Path(root, POINTER);
    }

    Path lockFile() {
        return new Path(root, LOCK);
    }

    Path historyDir() {
        return new Path(root, HISTORY);
    }

    /** {@code history/SEQUENCE.json}, the sequence zero-padded to 10 digits so that names sort in move order. */
    Path historyRecord(long sequence) {
        return new Path(historyDir(), String.format(java.util.Locale.ROOT, "%010d", sequence) + RECORD_SUFFIX);
    }

    /** {@code _tmp/history.NONCE}: a history record, before it is moved into history/. */
    Path newHistoryTemp() {
        return new Path(temporariesDir(), HISTORY + "." + nonce());
    }

    Path availabilityDir() {
        return new Path(root, AVAILABILITY);
    }

    /** {@code availability/ID.json}: one availability file. */
    Path availabilityFile(VersionId id) {
        return new Path(availabilityDir(), id.value() + RECORD_SUFFIX);
    }

    /** {@code _tmp/availability.NONCE}: an availability file, before it moves into availability/. */
    Path newAvailabilityTemp() {
        return new Path(temporariesDir(), AVAILABILITY + "." + nonce());
    }

    Path pinFile() {
        return new Path(root, PIN);
    }

    /** {@code _tmp/PIN.NONCE}: the next pin, just before it replaces PIN. */
    Path newPinTemp() {
        return new Path(temporariesDir(), PIN + "." + nonce());
    }

    Path versionDir(VersionId id) {
        return new Path(versionsDir(), id.value());
    }

    static Path manifestIn(Path versionDir) {
        return new Path(versionDir, MANIFEST);
    }

    /** {@code _tmp/write-check.NONCE}: the file a writability check writes and deletes. */
    Path newWriteProbe() {
        return new Path(temporariesDir(), "write-check." + nonce());
    }

    /** {@code _tmp/ID.NONCE}: a version being written. */
    Path newPendingDir(VersionId id) {
        return new Path(temporariesDir(), id.value() + "." + nonce());
    }

    /** {@code _tmp/ID.NONCE.lease}: the lease of the draft {@code _tmp/ID.NONCE}, renewed while it is written. */
    static Path leaseOf(Path pendingDir) {
        return new Path(pendingDir.getParent(), pendingDir.getName() + LEASE_SUFFIX);
    }

    /** {@code _tmp/NAME.NONCE}: a leased scratch directory (ALS checkpoints, say). */
    Path newScratchDir(String name) {
        return new Path(temporariesDir(), name + "." + nonce());
    }

    /** {@code _tmp/CURRENT.NONCE}: the next pointer content, before it replaces CURRENT. */
    Path newPointerTemp() {
        return new Path(temporariesDir(), POINTER + "." + nonce());
    }

    /** {@code _tmp/ID.NONCE.pruned}: a version moved out of versions/ so that it disappears at once. */
    Path newPrunedDir(VersionId id) {
        return new Path(temporariesDir(), id.value() + "." + nonce() + PRUNED_SUFFIX);
    }

    /** True when {@code dir} is a direct child of {@code _tmp/} (ignoring scheme and authority). */
    boolean isTemporary(Path dir) {
        Path parent = dir.getParent();
        return parent != null && parent.toUri().getPath().equals(temporariesDir().toUri().getPath());
    }

    /** A file inside a version directory, refusing paths that would leave it. */
    static Path fileIn(Path versionDir, String relativePath) {
        checkInside(relativePath);
        return new Path(versionDir, relativePath);
    }

    /**
     * Checks that {@code relativePath} names a file inside a version: not empty, not absolute, no empty, '.' or
     * '..' part, and no ':' (Hadoop would read "file:/etc/x" or "hdfs://nn/x" as a path of its own, outside the
     * version). IllegalArgumentException naming the path otherwise.
     */
    static void checkInside(String relativePath) {
        if (relativePath == null || relativePath.isEmpty() || relativePath.startsWith("/")
                || relativePath.endsWith("/")) {
            throw new IllegalArgumentException(
                    "relative path must be a non-empty path inside the version, got: " + relativePath);
        }
        if (relativePath.indexOf(':') >= 0) {
            throw new IllegalArgumentException(
                    "relative path must not contain ':' (it would name a path of its own), got: " + relativePath);
        }
        for (String part : relativePath.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException(
                        "relative path must not contain empty, '.' or '..' parts, got: " + relativePath);
            }
        }
    }

    /** The path of {@code file} relative to {@code dir}, with '/' separators; compares paths only. */
    static String relativePath(Path dir, Path file) {
        String base = dir.toUri().getPath();
        String full = file.toUri().getPath();
        String prefix = base.endsWith("/") ? base : base + "/";
        if (!full.startsWith(prefix) || full.length() == prefix.length()) {
            throw new IllegalArgumentException(file + " is not inside " + dir);
        }
        return full.substring(prefix.length());
    }

    /** Hadoop's checksum side files ({@code .name.crc}), which belong to the file system, not the version. */
    static boolean isChecksumSideFile(String name) {
        return name.startsWith(".") && name.endsWith(".crc");
    }

    private static String nonce() {
        byte[] bytes = new byte[4];
        NONCES.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
