package io.freshet.store;

import io.freshet.CorruptVersionException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish protocol (docs/store-format.md, "Publishing"): check that the draft still holds its lease and every
 * required file, checksum every file of the pending directory (those written through
 * {@link ModelStore.PendingVersion#create} by what was written to them), write manifest.json without overwriting
 * (nor re-creating a deleted draft), read it back, verify the files written through create by reading each once
 * (the others were read once to checksum them), check the lease once more, then rename the
 * directory into versions/ and check the boolean the rename returns. On any failure the pending directory is
 * deleted (best effort) and the error propagates; nothing appears under versions/.
 */
final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final FileSystem fs;
    private final StoreLayout layout;
    private final VersionReader reader;

    Publisher(FileSystem fs, StoreLayout layout, VersionReader reader) {
        this.fs = fs;
        this.layout = layout;
        this.reader = reader;
    }

    VersionId publish(ModelStore.PendingVersion pending, Manifest manifest, Collection<String> required) {
        Path temp = pending.path();
        if (!layout.isTemporary(temp)) {
            throw new IllegalArgumentException("pending version path must be a directory under "
                    + layout.temporariesDir() + " made by begin(), got: " + temp);
        }
        try {
            VersionId id = pending.id();
            checkManifest(id, manifest);
            pending.lease().requireHeld(temp);
            Map<String, Manifest.FileEntry> written = pending.written();
            Map<String, Manifest.FileEntry> files = digestTree(temp, written, pending.chunkBytes());
            requireFiles(id, temp, files.keySet(), required);
            Manifest complete = manifest.withFiles(files);
            writeManifest(temp, complete);
            Manifest readBack = reader.manifest(temp, id);
            if (!readBack.equals(complete)) {
                throw new CorruptVersionException(StoreLayout.manifestIn(temp)
                        + " does not read back as the manifest that was written");
            }
            reader.verifyFiles(temp, readBack, written.keySet());
            pending.lease().requireHeld(temp);
            moveIntoPlace(temp, layout.versionDir(id));
            pending.close();
            LOG.info("Published version {} ({} files) at {}", id, complete.files().size(), layout.versionDir(id));
            return id;
        } catch (RuntimeException e) {
            discard(pending, e);
            throw e;
        }
    }

    /** CorruptVersionException naming every required file (or non-empty directory, "name/") the draft lacks. */
    private static void requireFiles(VersionId id, Path temp, Set<String> present, Collection<String> required) {
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            boolean found = name.endsWith("/") ? present.stream().anyMatch(p -> p.startsWith(name))
                    : present.contains(name);
            if (!found) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new CorruptVersionException("version " + id + " is incomplete: " + temp + " lacks " + missing
                    + " (a version needs " + required + "); it is not published");
        }
    }

    private static void checkManifest(VersionId id, Manifest manifest) {
        if (!manifest.id().equals(id.value())) {
            throw new IllegalArgumentException("manifest id must be the pending version's id " + id + ", got: "
                    + manifest.id());
        }
        if (manifest.formatVersion() != Manifest.formatVersionFor(manifest.idKind())) {
            throw new IllegalArgumentException("manifest formatVersion must be "
                    + Manifest.formatVersionFor(manifest.idKind()) + " for " + manifest.idKind().label() + " ids, got: "
                    + manifest.formatVersion());
        }
    }

    /**
     * Size, SHA-256 and chunk digests of every file under {@code dir}, by relative path; Hadoop's .crc files left out. A file in
     * {@code written} gets the digest of what was written to it, and is read once later, to verify it; every
     * other file (Spark's ALS layout) is read here, which is its one read.
     */
    private Map<String, Manifest.FileEntry> digestTree(Path dir, Map<String, Manifest.FileEntry> written,
                                                       long chunkBytes) {
        Map<String, Manifest.FileEntry> files = new TreeMap<>();
        Path current = dir;
        try {
            for (FileStatus file : FileTree.files(fs, dir)) {
                current = file.getPath();
                if (StoreLayout.isChecksumSideFile(current.getName())) {
                    continue;
                }
                String relative = StoreLayout.relativePath(dir, current);
                if (relative.equals(StoreLayout.MANIFEST)) {
                    throw new IllegalArgumentException("a pending version must not contain " + StoreLayout.MANIFEST
                            + ": the store writes it (" + current + ")");
                }
                Manifest.FileEntry recorded = written.get(relative);
                files.put(relative, recorded != null ? recorded : FileDigest.of(fs, current, chunkBytes));
            }
        } catch (FileNotFoundException e) {
            throw new StoreException("pending version file " + current + " does not exist"
                    + " (published already, or cleaned as a stale temporary?): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + current + ": " + e.getMessage(), e);
        }
        return files;
    }

    private void writeManifest(Path dir, Manifest manifest) {
        Path file = StoreLayout.manifestIn(dir);
        byte[] json = ManifestJson.write(manifest);
        try (OutputStream out = FsErrorGuard.of(fs.createFile(file).overwrite(false).build(), file)) {
            out.write(json);
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void moveIntoPlace(Path temp, Path target) {
        Path versions = target.getParent();
        try {
            if (!fs.mkdirs(versions)) {
                throw new StoreException("cannot create " + versions + ": mkdirs returned false");
            }
            if (fs.exists(target)) {
                throw new StoreException("cannot publish " + temp + ": " + target + " exists already");
            }
        } catch (IOException e) {
            throw new StoreException("cannot publish " + temp + " as " + target + ": " + e.getMessage(), e);
        }
        boolean renamed;
        try {
            renamed = fs.rename(temp, target);
        } catch (IOException e) {
            RenameOutcome.settle(fs, temp, target, e, "publishing " + target.getName());
            return;
        }
        if (!renamed) {
            throw new StoreException("renaming " + temp + " to " + target + " returned false; the version was not published");
        }
    }

    private static void discard(ModelStore.PendingVersion pending, RuntimeException failure) {
        pending.discard();
        LOG.warn("Publishing from {} failed; deleted it: {}", pending.path(), failure.getMessage());
    }
}
