package io.freshet.store;

import io.freshet.CorruptVersionException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads a version directory's manifest and checks its files against it. */
final class VersionReader {
    private final FileSystem fs;

    VersionReader(FileSystem fs) {
        this.fs = fs;
    }

    /**
     * The manifest in {@code versionDir}, which must describe version {@code id}. Throws
     * {@link VersionNotFoundException} when there is no manifest, {@link CorruptVersionException} when it is
     * unreadable, of an unknown format version or names another version, {@link StoreException} on I/O errors.
     */
    Manifest manifest(Path versionDir, VersionId id) {
        Path file = StoreLayout.manifestIn(versionDir);
        byte[] json;
        try (InputStream in = fs.open(file)) {
            json = in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new VersionNotFoundException("version " + id + " is not a complete version: no " + file);
        } catch (ChecksumException e) {
            throw new CorruptVersionException(file + " fails the file system's own checksum: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Manifest manifest = ManifestJson.read(json, file.toString());
        if (!manifest.id().equals(id.value())) {
            throw new CorruptVersionException(file + " describes version " + manifest.id() + ", not " + id);
        }
        return manifest;
    }

    /** Re-reads every file the manifest lists and compares its size and SHA-256 (and chunk digests, if listed). */
    void verifyFiles(Path versionDir, Manifest manifest) {
        verifyFiles(versionDir, manifest, manifest.files().keySet());
    }

    /** Re-reads the files among {@code names} that the manifest lists and compares their size and SHA-256. */
    void verifyFiles(Path versionDir, Manifest manifest, Set<String> names) {
        for (Map.Entry<String, Manifest.FileEntry> listed : new TreeMap<>(manifest.files()).entrySet()) {
            String name = listed.getKey();
            if (!names.contains(name)) {
                continue;
            }
            Manifest.FileEntry expected = listed.getValue();
            Path file = StoreLayout.fileIn(versionDir, name);
            Manifest.FileEntry actual = digest(manifest.id(), name, file, expected);
            if (actual.bytes() != expected.bytes()) {
                throw new CorruptVersionException("version " + manifest.id() + ": file " + name + " has "
                        + actual.bytes() + " bytes, the manifest says " + expected.bytes() + " (" + file + ")");
            }
            if (!actual.sha256().equals(expected.sha256())) {
                throw new CorruptVersionException("version " + manifest.id() + ": file " + name + " has sha256 "
                        + actual.sha256() + ", the manifest says " + expected.sha256() + " (" + file + ")");
            }
            if (expected.chunked() && !actual.chunks().equals(expected.chunks())) {
                throw new CorruptVersionException("version " + manifest.id() + ": file " + name + " has chunk digests "
                        + "other than the manifest's (" + file + ")");
            }
        }
    }

    private Manifest.FileEntry digest(String id, String name, Path file, Manifest.FileEntry expected) {
        try {
            return FileDigest.of(fs, file, expected.chunked() ? expected.chunkBytes() : StoreSettings.DEFAULT_CHUNK_BYTES);
        } catch (FileNotFoundException e) {
            throw new CorruptVersionException("version " + id + ": file " + name + " is missing (the manifest says "
                    + expected.bytes() + " bytes, sha256 " + expected.sha256() + ") at " + file, e);
        } catch (ChecksumException e) {
            throw new CorruptVersionException("version " + id + ": file " + name
                    + " fails the file system's own checksum at " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
