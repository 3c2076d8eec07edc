package io.freshet.store;

import io.freshet.CorruptVersionException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model store: immutable versions and a "current" pointer under one Hadoop FileSystem URI
 * ({@code file:///...}, a bare local path, {@code hdfs://...}). The one class that knows the layout
 * (docs/store-format.md):
 * <pre>
 *   STORE/versions/ID/        complete versions (manifest.json, factors.bin, seen.bin, als/)
 *   STORE/_tmp/ID.NONCE/      versions being written; cleaned by later runs after a grace period
 *   STORE/_tmp/ID.NONCE.lease the lease of a version being written, renewed while its writer lives
 *   STORE/CURRENT             the pointer: the id of the served version, replaced atomically
 *   STORE/_lock               the store lock, created exclusively, guarding pointer moves
 *   STORE/PIN                 the pin, present only while the pointer is pinned
 *   STORE/history/SEQ.json    the pointer history: one immutable record per move, pin and unpin
 *   STORE/availability/ID.json item availability files, immutable, the newest one served
 * </pre>
 * Thread-safe: every call reads the file system afresh and holds no mutable state of its own.
 */
public final class ModelStore {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
    private static final Pattern HAS_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private final FileSystem fs;
    private final StoreLayout layout;
    private final StoreSettings settings;
    private final VersionReader reader;
    private final Pointer pointer;
    private final StoreLock lock;
    private final PointerMover mover;
    private final Publisher publisher;
    private final Pruner pruner;
    private final Temporaries temporaries;
    private final AvailabilityFiles availability;

    private ModelStore(FileSystem fs, Path root, Configuration conf, StoreSettings settings) {
        this.fs = fs;
        this.layout = new StoreLayout(root);
        this.settings = settings;
        this.reader = new VersionReader(fs);
        ControlFiles controlFiles = ControlFiles.of(fs, conf);
        this.pointer = new Pointer(layout, controlFiles);
        this.lock = new StoreLock(fs, controlFiles, layout.lockFile(), settings);
        this.mover = new PointerMover(fs, layout, controlFiles, lock, settings.clock(), this::requirePromotable);
        this.publisher = new Publisher(fs, layout, reader);
        this.pruner = new Pruner(fs, layout);
        this.temporaries = new Temporaries(fs, layout, settings.clock(), settings.draftLease());
        this.availability = new AvailabilityFiles(fs, layout, controlFiles, settings.clock());
    }

    /** Opens (without creating anything) the store at {@code uri}. */
    public static ModelStore open(String uri, Configuration conf) {
        return open(uri, conf, StoreSettings.defaults());
    }

    /**
     * Opens (without creating or even touching anything) the store at {@code location}: a URI with a scheme,
     * or a bare local path, made absolute. An unreachable store shows up at the first call that reads it.
     */
    public static ModelStore open(String location, Configuration conf, StoreSettings settings) {
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(settings, "settings");
        URI uri = toUri(location);
        try {
            FileSystem fs = FileSystem.get(uri, conf);
            return new ModelStore(fs, fs.makeQualified(new Path(uri)), conf, settings);
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException("cannot open the store " + uri + ": " + e.getMessage(), e);
        }
    }

    private static URI toUri(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("store location must be a URI or a local path, got: '" + location + "'");
        }
        if (!HAS_SCHEME.matcher(location).matches()) {
            return Paths.get(location).toAbsolutePath().normalize().toUri();
        }
        try {
            return new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("store location is not a valid URI: " + location, e);
        }
    }

    /** The fully qualified URI of the store root. */
    public URI uri() {
        return layout.root().toUri();
    }

    public FileSystem fileSystem() {
        return fs;
    }

    public StoreSettings settings() {
        return settings;
    }

    /** The complete versions, oldest first. */
    public List<VersionId> versions() {
        return listing().completeIds();
    }

    /** The manifests of the complete versions, oldest first (rejected ones included). */
    public List<Manifest> manifests() {
        return listing().complete();
    }

    /** The manifest of a complete version; VersionNotFoundException when there is none, CorruptVersionException when unreadable. */
    public Manifest manifest(VersionId id) {
        Objects.requireNonNull(id, "id");
        return reader.manifest(layout.versionDir(id), id);
    }

    /** The directory of a complete version; VersionNotFoundException when it has no manifest. */
    public Path versionPath(VersionId id) {
        Objects.requireNonNull(id, "id");
        Path dir = layout.versionDir(id);
        Path manifest = StoreLayout.manifestIn(dir);
        try {
            if (!fs.exists(manifest)) {
                throw new VersionNotFoundException("version " + id + " is not a complete version: no " + manifest);
            }
        } catch (IOException e) {
            throw new StoreException("cannot look for " + manifest + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /**
     * Opens a file of a complete version, by its path relative to the version directory ('/' separators).
     * CorruptVersionException when the version has no such file.
     */
    public InputStream openFile(VersionId id, String relativePath) {
        Path file = StoreLayout.fileIn(versionPath(id), relativePath);
        try {
            return fs.open(file);
        } catch (FileNotFoundException e) {
            throw new CorruptVersionException("version " + id + " has no file " + relativePath + " (" + file + ")", e);
        } catch (IOException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** The length in bytes of a file of a complete version; CorruptVersionException when it has no such file. */
    public long fileLength(VersionId id, String relativePath) {
        Path file = StoreLayout.fileIn(versionPath(id), relativePath);
        try {
            return fs.getFileStatus(file).getLen();
        } catch (FileNotFoundException e) {
            throw new CorruptVersionException("version " + id + " has no file " + relativePath + " (" + file + ")", e);
        } catch (IOException e) {
            throw new StoreException("cannot look at " + file + ": " + e.getMessage(), e);
        }
    }

    /** CURRENT's raw text, exactly; empty when there is no CURRENT. */
    public Optional<String> pointerContent() {
        return pointer.read();
    }

    /**
     * What CURRENT says, without checking that the version exists; empty when there is no CURRENT.
     * StoreException when CURRENT holds something that is not a version id ({@link #current()} falls back
     * in that case, {@link #pointerContent()} shows the text).
     */
    public Optional<VersionId> pointer() {
        Optional<String> content = pointer.read();
        if (content.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Pointer.parse(content.get()).orElseThrow(() -> new StoreException(
                layout.pointerFile() + " does not hold a version id: '" + content.get().strip() + "'")));
    }

    /**
     * The version to serve: CURRENT when it names a complete servable version; otherwise (missing pointer,
     * garbage in it, or one naming a version that is gone or rejected) the newest complete servable
     * version, with a warning in the log. Empty when there is none.
     */
    public Optional<VersionId> current() {
        Optional<String> content = pointer.read();
        return servableNamedIn(content).or(() -> resolve(content, listing()));
    }

    /**
     * What {@link #current()} would be without {@code candidate}: the decision to promote a candidate was made
     * before it was published, so when the pointer is missing and the fallback would pick the candidate itself
     * (the newest version), the current version is the one it was judged against.
     */
    private Optional<VersionId> currentOtherThan(VersionId candidate) {
        Optional<String> content = pointer.read();
        return servableNamedIn(content).or(() -> ServingChoice.choose(content, listing().complete().stream()
                .filter(m -> !m.id().equals(candidate.value())).toList()).version());
    }

    /** The version the pointer content names, when it is a complete servable version. */
    private Optional<VersionId> servableNamedIn(Optional<String> content) {
        return content.flatMap(Pointer::parse).filter(id -> completeManifest(id).filter(Manifest::servable).isPresent());
    }

    private Optional<VersionId> resolve(Optional<String> content, VersionListing listing) {
        ServingChoice choice = ServingChoice.choose(content, listing.complete());
        if (choice.fallbackReason().isPresent() && (content.isPresent() || !listing.complete().isEmpty())) {
            String reason = choice.fallbackReason().get();
            if (choice.version().isPresent()) {
                LOG.warn("Store {}: {}; serving the newest complete version {} instead", uri(), reason,
                        choice.version().get());
            } else {
                LOG.warn("Store {}: {}; and there is no complete servable version to fall back to", uri(), reason);
            }
        }
        return choice.version();
    }

    private Optional<Manifest> completeManifest(VersionId id) {
        try {
            return Optional.of(manifest(id));
        } catch (VersionNotFoundException | CorruptVersionException e) {
            LOG.debug("CURRENT names {}, which cannot be served: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Checks, before work that would be lost, that this store can be written: writes a 64 KiB probe under
     * {@code _tmp/} and deletes it. StoreException naming the path and the file system's reason (permission
     * denied, read-only, no space left) when it cannot; Hadoop's local file system reports a full disk as an
     * FSError, which is caught here for that reason alone.
     */
    public void checkWritable() {
        Path probe = layout.newWriteProbe();
        try {
            try (java.io.OutputStream out = fs.create(probe, false)) {
                out.write(new byte[64 * 1024]);
            }
            fs.delete(probe, false);
        } catch (IOException e) {
            throw unwritable(probe, e);
        } catch (org.apache.hadoop.fs.FSError e) {
            throw unwritable(probe, e);
        }
    }

    /** The StoreException of a failed write check, after removing what the check may have left. */
    private StoreException unwritable(Path probe, Throwable cause) {
        StoreException e = new StoreException("cannot write to the store: " + probe + ": " + cause.getMessage(), cause);
        try {
            fs.delete(probe, false);
        } catch (IOException deleting) {
            e.addSuppressed(deleting);
        }
        return e;
    }

    /**
     * Starts a new version under a temporary name, holding a lease on it that no clean-up breaks while this process
     * renews it; the caller writes its files into {@link PendingVersion#path()} (with {@link PendingVersion#create}
     * where it can) and either publishes or {@link PendingVersion#discard discards} it.
     */
    public PendingVersion begin() {
        VersionId id = VersionId.generate(settings.clock());
        Path dir = layout.newPendingDir(id);
        return new PendingVersion(id, dir, fs, leasedDirectory(dir), settings.chunkBytes());
    }

    /**
     * A scratch directory {@code _tmp/NAME.NONCE/} under a lease (as a version being written holds one), for work
     * files that executors must reach, such as ALS checkpoints: no clean-up deletes it while this process lives, and
     * closing it deletes it and its lease. {@code name} is a plain word.
     */
    public Scratch scratch(String name) {
        if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("a scratch name is a lower-case word, got: " + name);
        }
        Path dir = layout.newScratchDir(name);
        return new Scratch(dir, fs, leasedDirectory(dir));
    }

    /** Takes the lease of {@code dir} under {@code _tmp/}, then creates the directory; returns the lease. */
    private DraftLease leasedDirectory(Path dir) {
        try {
            if (!fs.mkdirs(layout.temporariesDir())) {
                throw new StoreException("cannot create " + layout.temporariesDir() + ": mkdirs returned false");
            }
        } catch (IOException e) {
            throw new StoreException("cannot create " + layout.temporariesDir() + ": " + e.getMessage(), e);
        }
        DraftLease lease = DraftLease.take(fs, dir, settings);
        try {
            if (!fs.mkdirs(dir)) {
                throw new StoreException("cannot create " + dir + ": mkdirs returned false");
            }
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e instanceof StoreException se ? se
                    : new StoreException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return lease;
    }

    /** A leased scratch directory; {@link #close()} deletes it and ends the lease. */
    public static final class Scratch implements AutoCloseable {
        private final Path path;
        private final FileSystem fs;
        private final DraftLease lease;

        private Scratch(Path path, FileSystem fs, DraftLease lease) {
            this.path = path;
            this.fs = fs;
            this.lease = lease;
        }

        public Path path() {
            return path;
        }

        @Override
        public void close() {
            try {
                fs.delete(path, true);
            } catch (IOException e) {
                LOG.warn("cannot delete the scratch directory {} (a later clean-up removes it): {}", path, e.getMessage());
            } finally {
                lease.close();
            }
        }
    }

    /**
     * Finishes a pending version: checks that it still holds its lease and every file in {@code required} (a name
     * ending in '/' asks for a directory with at least one file), checksums every file (a file made with
     * {@link PendingVersion#create} by what was written to it), writes manifest.json (never overwriting), verifies
     * (reading each file once in all), and renames it into versions/. Returns the published id. The pointer does not move.
     * On failure the pending directory is deleted and nothing appears under versions/.
     */
    public VersionId publish(PendingVersion pending, Manifest manifest, Collection<String> required) {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(required, "required");
        return publisher.publish(pending, manifest, required);
    }

    /** {@link #publish(PendingVersion, Manifest, Collection)} of a version with no file required by name. */
    public VersionId publish(PendingVersion pending, Manifest manifest) {
        return publish(pending, manifest, List.of());
    }

    /**
     * Moves the pointer to a complete, servable version under the store lock, recorded in the history with cause
     * {@code promote}. Returns the previous pointer (empty when there was none or it held no version id).
     * VersionNotFoundException for a version that is not complete, RejectedVersionException for one the quality gate
     * rejected, PinnedException while the pointer is pinned, StoreLockedException when the lock stays held for the
     * whole lock wait. The files are not re-read: call {@link #verify} for that.
     */
    public Optional<VersionId> promote(VersionId id) {
        return promote(id, PointerMove.promote());
    }

    /** {@link #promote(VersionId)}, recorded in the history as {@code move} says. */
    public Optional<VersionId> promote(VersionId id, PointerMove move) {
        return mover.move(id, move, () -> { });
    }

    /**
     * Moves the pointer to {@code id} only if the current version ({@link #current()}, read under the store
     * lock) is still {@code expected}: a compare-and-set against the version a decision to promote was made
     * against. PointerMovedException, with the pointer untouched, when it is not; otherwise as {@link #promote}.
     */
    public Optional<VersionId> promoteIfCurrent(VersionId id, Optional<VersionId> expected) {
        return promoteIfCurrent(id, expected, PointerMove.promote());
    }

    /** {@link #promoteIfCurrent(VersionId, Optional)}, recorded in the history as {@code move} says. */
    public Optional<VersionId> promoteIfCurrent(VersionId id, Optional<VersionId> expected, PointerMove move) {
        Objects.requireNonNull(expected, "expected");
        return mover.move(id, move, () -> {
            Optional<VersionId> now = currentOtherThan(id);
            if (!now.equals(expected)) {
                throw new PointerMovedException(id, expected, now);
            }
        });
    }

    /**
     * Pins the pointer to the complete, servable version {@code id} (moving it there first when it names another):
     * until {@link #unpin}, promotions throw PinnedException and only another pin moves the pointer. Recorded in the
     * history with {@code reason} (may be null). Returns the version CURRENT named before.
     */
    public Optional<VersionId> pin(VersionId id, String reason) {
        return mover.pin(id, reason);
    }

    /** Removes the pin, recorded in the history; returns what it was, or empty (nothing recorded) when there was none. */
    public Optional<Pin> unpin(String reason) {
        return mover.unpin(reason);
    }

    /** The pin, or empty when the pointer is not pinned; StoreException when PIN holds no pin of the known format. */
    public Optional<Pin> pinned() {
        return mover.pin();
    }

    /**
     * The pointer history, in the order the moves were made (docs/store-format.md, "Pointer history"). StoreException
     * naming a record that cannot be read.
     */
    public List<HistoryRecord> history() {
        return mover.history().records();
    }

    /**
     * The ids of the item availability files (docs/store-format.md, "Item availability"), oldest first; the newest
     * is the one to serve. StoreException when the store cannot be read.
     */
    public List<VersionId> availabilityIds() {
        return availability.ids();
    }

    /** The bytes of one availability file; StoreException when it cannot be read. */
    public byte[] readAvailability(VersionId id) {
        return availability.read(id);
    }

    /**
     * Publishes an availability file (its bytes, validated by the caller), named by a new id that sorts after every
     * file there, so it is the one served from the next reload on. Returns the id.
     */
    public VersionId publishAvailability(byte[] content) {
        return availability.publish(content);
    }

    private void requirePromotable(VersionId id) {
        Manifest manifest = manifest(id);
        if (!manifest.servable()) {
            throw new RejectedVersionException("version " + id + " has status " + manifest.status()
                    + ": the quality gate rejected it, so it cannot be promoted");
        }
    }

    /** Re-reads every file of a complete version and checks it against the manifest's sizes and checksums. */
    public void verify(VersionId id) {
        reader.verifyFiles(layout.versionDir(id), manifest(id));
    }

    /**
     * Deletes the oldest complete versions beyond the newest {@code keep}, never the one CURRENT names nor
     * the one {@link #current()} resolves to, nor the pinned one, nor one younger than {@code grace} (by its id's
     * time). Rejected versions count and go like the others. The pointer history is never touched. Also deletes
     * directories under versions/ without a manifest and temporaries, both when older than {@code grace}. Returns the deleted versions, oldest
     * first. Holds the store lock while deleting versions, so it never races a promote.
     */
    public List<VersionId> prune(int keep, Duration grace) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got: " + keep);
        }
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got: " + grace);
        }
        List<VersionId> pruned;
        try (StoreLock.Held held = lock.acquire("prune")) {
            VersionListing listing = listing();
            Optional<String> content = pointer.read();
            Set<VersionId> protect = new HashSet<>();
            content.flatMap(Pointer::parse).ifPresent(protect::add);
            resolve(content, listing).ifPresent(protect::add);
            mover.pin().map(Pin::versionId).ifPresent(protect::add);
            pruned = pruner.prune(listing, protect, keep, grace, settings.clock().instant());
        }
        cleanTemporaries(grace);
        return pruned;
    }

    /** Deletes leftover temporaries in which nothing changed for longer than {@code olderThan}; returns how many. */
    public int cleanTemporaries(Duration olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        return temporaries.clean(olderThan);
    }

    private VersionListing listing() {
        return VersionListing.scan(fs, layout, reader);
    }

    /**
     * A version being written: its future id, the temporary directory that holds its files, and its lease. Publishing
     * or discarding it ends the lease; so does {@link #close()}, which leaves the files to a later clean-up.
     */
    public static final class PendingVersion implements AutoCloseable {
        private final VersionId id;
        private final Path path;
        private final FileSystem fs;
        private final DraftLease lease;
        /** The files made with {@link #create}, by name, with the digests of what was written to each. */
        private final Map<String, ChunkedSha256> written = new ConcurrentHashMap<>();
        private final long chunkBytes;

        private PendingVersion(VersionId id, Path path, FileSystem fs, DraftLease lease, long chunkBytes) {
            this.id = Objects.requireNonNull(id, "pending version id");
            this.path = Objects.requireNonNull(path, "pending version path");
            this.fs = fs;
            this.lease = lease;
            this.chunkBytes = chunkBytes;
        }

        /** The chunk size of the chunk digests its manifest lists. */
        long chunkBytes() {
            return chunkBytes;
        }

        public VersionId id() {
            return id;
        }

        public Path path() {
            return path;
        }

        /**
         * Creates the file {@code name} in the draft, never over an existing one and never re-creating a draft
         * directory that a clean-up deleted (StoreException naming it then). The size and SHA-256 of what is
         * written through it are taken as it is written, so that publishing reads the file once, to verify it.
         */
        public OutputStream create(String name) {
            Path file = StoreLayout.fileIn(path, name);
            try {
                createParent(file);
                OutputStream out = FsErrorGuard.of(fs.createFile(file).overwrite(false).build(), file);
                ChunkedSha256 sha256 = new ChunkedSha256(chunkBytes);
                written.put(name, sha256);
                return sha256.writing(out);
            } catch (FileNotFoundException e) {
                throw new StoreException("cannot write " + file + ": the draft " + path + " no longer exists (deleted "
                        + "by a clean-up in another process?): " + e.getMessage(), e);
            } catch (IOException e) {
                throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        /**
         * Makes the folder of a file below the top of the draft ({@code ids/users.bin}), once the draft is found to
         * exist (FileNotFoundException otherwise). A clean-up that deletes the draft in between leaves that folder
         * alone in {@code _tmp/}, without a lease: the next clean-up removes it, and this draft fails to publish.
         */
        private void createParent(Path file) throws IOException {
            Path parent = file.getParent();
            if (parent.equals(path) || fs.exists(parent)) {
                return;
            }
            if (!fs.getFileStatus(path).isDirectory()) {
                throw new FileNotFoundException(path + " is not a directory");
            }
            if (!fs.mkdirs(parent)) {
                throw new IOException("mkdirs returned false for " + parent);
            }
        }

        /** Deletes the draft's files and ends its lease: for a version that will not be published. */
        public void discard() {
            try {
                fs.delete(path, true);
            } catch (IOException e) {
                LOG.warn("cannot delete the unpublished draft {} (a later clean-up removes it): {}", path, e.getMessage());
            } finally {
                lease.close();
            }
        }

        DraftLease lease() {
            return lease;
        }

        /** Size, SHA-256 and chunk digests of what was written to each file made with {@link #create}, by name. */
        Map<String, Manifest.FileEntry> written() {
            Map<String, Manifest.FileEntry> entries = new TreeMap<>();
            written.forEach((name, sha256) -> entries.put(name, sha256.entry()));
            return entries;
        }

        /** Ends the lease, leaving the files (if any) to a later clean-up. */
        @Override
        public void close() {
            lease.close();
        }

        @Override
        public String toString() {
            return "PendingVersion[" + id + " at " + path + "]";
        }
    }
}
