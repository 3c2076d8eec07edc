package io.freshet.serving;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactReader;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.IdDictionaryFile;
import io.freshet.ids.IdDictionary;
import io.freshet.ids.Ids;
import io.freshet.artifact.SeenItems;
import io.freshet.artifact.TrainedRatings;
import io.freshet.artifact.TrainedRatingsFile;
import io.freshet.fold.FoldInSolver;
import io.freshet.fold.FoldSettings;
import io.freshet.fold.Folding;
import io.freshet.scoring.Scorer;
import io.freshet.CorruptVersionException;
import io.freshet.Sha256;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreException;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.ChecksumException;

/**
 * Loads a version for serving and refuses anything not fit to serve: unknown format version, a file whose
 * size or SHA-256 differs from the manifest, a truncated or malformed factor file, NaN or Inf factors, and a
 * version whose files would not fit in the free heap (ModelTooLargeException, before anything is read).
 * Reads only factors.bin and seen.bin; needs no Spark.
 */
public final class ModelLoader {
    /**
     * Heap a loaded version takes per byte of its factors.bin and seen.bin: the arrays read from them (about their
     * size) and the scorer's copies (the transposed item blocks and the per-user seen rows), at most as much again.
     */
    static final int HEAP_PER_FILE_BYTE = 2;

    private final ModelStore store;
    private final HeapBudget heap;

    public ModelLoader(ModelStore store) {
        this(store, HeapBudget.ofThisJvm());
    }

    public ModelLoader(ModelStore store, HeapBudget heap) {
        this.store = store;
        this.heap = heap;
    }

    /** A version loaded for serving, with the factor matrices it was read from (ids: {@code model().ids()}). */
    public record Loaded(ServingModel model, FactorMatrix users, FactorMatrix items) {
        /** The version's id space. */
        public Ids ids() {
            return model.ids();
        }
    }

    public ServingModel load(VersionId id) {
        return loadWithFactors(id).model();
    }

    /**
     * As {@link #load}, also handing back the user and item factors as read (the serving model keeps them packed
     * in its scorer): the trainer's quality gate ranks the current version with them, so it reads it once.
     */
    public Loaded loadWithFactors(VersionId id) {
        Manifest manifest = store.manifest(id);
        List<String> shards = ratingShards(manifest);
        long shardBytes = 0;
        for (String shard : shards) {
            shardBytes += listedBytes(id, manifest, shard);
        }
        boolean mapped = manifest.idKind().mapped();
        long dictionaryBytes = mapped ? listedBytes(id, manifest, IdDictionaryFile.USERS)
                + listedBytes(id, manifest, IdDictionaryFile.ITEMS) : 0;
        heap.require(HEAP_PER_FILE_BYTE * (listedBytes(id, manifest, ArtifactFiles.FACTORS)
                + listedBytes(id, manifest, ArtifactFiles.SEEN) + shardBytes + dictionaryBytes), "version " + id);
        ArtifactReader.Factors factors = read(id, manifest, ArtifactFiles.FACTORS,
                ArtifactReader::readFactors);
        SeenItems seen = read(id, manifest, ArtifactFiles.SEEN, ArtifactReader::readSeen);
        Scorer scorer = Scorer.create(factors.users(), factors.items(), seen);
        Ids ids = mapped ? ids(id, manifest, factors, seen) : Ids.INT;
        Folding folding = null;
        Optional<FoldSettings> settings = FoldSettings.of(manifest.als());
        if (!mapped && !shards.isEmpty() && settings.isPresent()) {
            List<TrainedRatings> parts = new ArrayList<>();
            for (String shard : shards) {
                parts.add(read(id, manifest, shard, TrainedRatingsFile::read));
            }
            TrainedRatings trained;
            try {
                trained = TrainedRatings.concat(parts);
            } catch (IllegalArgumentException e) {
                throw new CorruptVersionException("version " + id + " " + TrainedRatingsFile.DIRECTORY + "/: "
                        + e.getMessage(), e);
            }
            folding = new Folding(id.value(), factors.items(), FoldInSolver.of(factors.items(), settings.get()),
                    trained);
        }
        ServingModel model = new ServingModel(id.value(), manifest.createdAt(), scorer, factors.popularItems(),
                factors.popularCounts(), folding, ids);
        return new Loaded(model, factors.users(), factors.items());
    }

    /**
     * The dictionaries of a mapped-id version, checked against its artifact: every index in factors.bin and
     * seen.bin must be one the dictionary of its side holds (docs/store-format.md, "Id dictionaries").
     */
    private Ids ids(VersionId id, Manifest manifest, ArtifactReader.Factors factors, SeenItems seen) {
        Ids ids = dictionaries(id, manifest, factors);
        int users = ids.users().size();
        checkIndices(id, "user", factors.users().ids(), users, ArtifactFiles.FACTORS);
        checkIndices(id, "user", seen.userIds(), users, ArtifactFiles.SEEN);
        return ids;
    }

    /** The dictionaries of a mapped-id version, read whole, with the item indices of {@code factors} checked. */
    Ids dictionaries(VersionId id, Manifest manifest, ArtifactReader.Factors factors) {
        IdDictionary users = read(id, manifest, IdDictionaryFile.USERS, IdDictionaryFile::read);
        IdDictionary items = read(id, manifest, IdDictionaryFile.ITEMS, IdDictionaryFile::read);
        if (users.kind() != manifest.idKind() || items.kind() != manifest.idKind()) {
            throw new CorruptVersionException("version " + id + ": its manifest names " + manifest.idKind().label()
                    + " ids but its dictionaries hold " + users.kind().label() + " and " + items.kind().label() + " ids");
        }
        checkIndices(id, "item", factors.items().ids(), items.size(), ArtifactFiles.FACTORS);
        return Ids.of(users, items);
    }

    /** Ascending {@code indices} must lie in 0 .. size - 1. */
    private static void checkIndices(VersionId id, String side, int[] indices, int size, String file) {
        if (indices.length > 0 && (indices[0] < 0 || indices[indices.length - 1] >= size)) {
            int bad = indices[0] < 0 ? indices[0] : indices[indices.length - 1];
            throw new CorruptVersionException("version " + id + " file " + file + ": " + side + " index " + bad
                    + " is outside its dictionary (" + size + " ids)");
        }
    }

    /** The trained-rating shards the manifest lists, in name order (which is user order); empty: none. */
    private static List<String> ratingShards(Manifest manifest) {
        String prefix = TrainedRatingsFile.DIRECTORY + "/";
        return manifest.files().keySet().stream().filter(f -> f.startsWith(prefix) && f.endsWith(".bin")).sorted()
                .toList();
    }

    static long listedBytes(VersionId id, Manifest manifest, String file) {
        Manifest.FileEntry entry = manifest.files().get(file);
        if (entry == null) {
            throw new CorruptVersionException("version " + id + " file " + file + ": not listed in manifest.json");
        }
        return entry.bytes();
    }

    interface FileReader<T> {
        T read(InputStream in, long length, String name) throws IOException;
    }

    /** Reads a listed file whole with {@code reader}, checking its size and SHA-256 against the manifest. */
    <T> T read(VersionId id, Manifest manifest, String file, FileReader<T> reader) {
        Manifest.FileEntry expected = manifest.files().get(file);
        String name = "version " + id + " file " + file;
        if (expected == null) {
            throw new CorruptVersionException(name + ": not listed in manifest.json");
        }
        long length = store.fileLength(id, file);
        if (length != expected.bytes()) {
            throw new CorruptVersionException(name + ": size mismatch (manifest: " + expected.bytes() + " bytes; found: "
                    + length + " bytes)");
        }
        Sha256 sha = new Sha256();
        T value;
        try (InputStream in = sha.reading(store.openFile(id, file))) {
            value = reader.read(in, length, name);
        } catch (ChecksumException e) {
            throw new CorruptVersionException(name + ": fails the file system's own checksum: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + store.versionPath(id) + "/" + file + ": " + e.getMessage(), e);
        }
        long bytes = sha.bytes();
        String actual = sha.hex();
        if (bytes != expected.bytes() || !actual.equals(expected.sha256())) {
            throw new CorruptVersionException(name + ": checksum mismatch (manifest: " + expected.bytes() + " bytes, sha256 "
                    + expected.sha256() + "; found: " + bytes + " bytes, sha256 " + actual + ")");
        }
        return value;
    }
}
