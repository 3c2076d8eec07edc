package io.freshet.serving;

import io.freshet.CorruptVersionException;
import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactReader;
import io.freshet.artifact.ArtifactRecords;
import io.freshet.artifact.SeenItems;
import io.freshet.ids.Ids;
import io.freshet.scoring.Scorer;
import io.freshet.store.CheckedRange;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreException;
import io.freshet.store.VersionId;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.Path;

/**
 * Loads the item side of a version whose users other readers load (the predictor's executors, when a model is over
 * its broadcast budget), reading only what the item side needs: factors.bin's header and, from the offset the
 * header gives, its item records, popular list and end marker, each byte checked against the manifest's chunk
 * digests ({@link CheckedRange}; the chunks that hold these bytes are read whole, including the few user bytes of a
 * chunk that straddles the sections). It never reads seen.bin or the user records: those readers check the chunks
 * of what they read. A mapped-id version's dictionaries are read whole, as {@link ModelLoader} reads them. The heap
 * asked for is that of what is read. Only a version whose manifest lists chunk digests for factors.bin and seen.bin
 * can be loaded so ({@link #splittable}); an older one is loaded whole by {@link ModelLoader}.
 */
public final class ItemSideLoader {
    private final ModelStore store;
    private final HeapBudget heap;
    private final ModelLoader whole;

    public ItemSideLoader(ModelStore store) {
        this(store, HeapBudget.ofThisJvm());
    }

    public ItemSideLoader(ModelStore store, HeapBudget heap) {
        this.store = store;
        this.heap = heap;
        this.whole = new ModelLoader(store, heap);
    }

    /** A version's item side (a serving model without users) and what readers of its user side need. */
    public record ItemSide(ServingModel model, UserSide users) {
        /** The size of the whole model as the broadcast budget counts it: user side and item records. */
        public long bytes() {
            return users.bytes() + (long) model.scorer().items() * ArtifactRecords.factorRecordBytes(model.scorer().rank());
        }
    }

    /** True when the manifest lists chunk digests for factors.bin and seen.bin, so their parts can be read checked. */
    public static boolean splittable(Manifest manifest) {
        Manifest.FileEntry factors = manifest.files().get(ArtifactFiles.FACTORS);
        Manifest.FileEntry seen = manifest.files().get(ArtifactFiles.SEEN);
        return factors != null && seen != null && factors.chunked() && seen.chunked();
    }

    /**
     * The shape of the version without loading anything: factors.bin's header (checked by its chunk) and seen.bin's
     * size from the manifest. The user side's bytes are the user records and seen.bin's records (8 bytes a user and 4
     * an item).
     */
    public Shape shape(VersionId id, Manifest manifest) {
        Manifest.FileEntry factors = entry(id, manifest, ArtifactFiles.FACTORS);
        Manifest.FileEntry seen = entry(id, manifest, ArtifactFiles.SEEN);
        ArtifactReader.FactorsHeader header = readChecked(id, factors, ArtifactFiles.FACTORS, 0,
                ArtifactRecords.FACTORS_HEADER_BYTES, in -> ArtifactReader.readFactorsHeader(new DataInputStream(in),
                        factors.bytes(), name(id, ArtifactFiles.FACTORS)));
        long seenRecords = seen.bytes() - SEEN_FRAME_BYTES;
        if (seenRecords < 0) {
            throw new CorruptVersionException(name(id, ArtifactFiles.SEEN) + ": " + seen.bytes()
                    + " bytes in manifest.json, fewer than its header and end marker");
        }
        return new Shape(header, (long) header.users() * ArtifactRecords.factorRecordBytes(header.rank()) + seenRecords);
    }

    /** Bytes of seen.bin around its records: magic, format, users, entries, end magic. */
    private static final long SEEN_FRAME_BYTES = 8 + 4 + 4 + 8 + 8;

    /** factors.bin's header and the user side's size as the broadcast budget counts it. */
    public record Shape(ArtifactReader.FactorsHeader factors, long userSideBytes) {
        /** The whole model's size as the broadcast budget counts it. */
        public long bytes() {
            return userSideBytes + (long) factors.items() * ArtifactRecords.factorRecordBytes(factors.rank());
        }
    }

    /** Loads the item side of {@code id}, whose manifest is {@code manifest} and which must be {@link #splittable}. */
    public ItemSide load(VersionId id, Manifest manifest) {
        return load(id, manifest, shape(id, manifest));
    }

    /** As {@link #load(VersionId, Manifest)}, with the {@link #shape} read already. */
    public ItemSide load(VersionId id, Manifest manifest, Shape shape) {
        if (!splittable(manifest)) {
            throw new IllegalArgumentException("version " + id + " lists no chunk digests for its "
                    + ArtifactFiles.FACTORS + " and " + ArtifactFiles.SEEN + ": load it whole");
        }
        ArtifactReader.FactorsHeader header = shape.factors();
        Manifest.FileEntry factors = entry(id, manifest, ArtifactFiles.FACTORS);
        boolean mapped = manifest.idKind().mapped();
        long itemBytes = factors.bytes() - header.itemSectionOffset();
        long dictionaryBytes = mapped ? ModelLoader.listedBytes(id, manifest, io.freshet.artifact.IdDictionaryFile.USERS)
                + ModelLoader.listedBytes(id, manifest, io.freshet.artifact.IdDictionaryFile.ITEMS) : 0;
        heap.require(ModelLoader.HEAP_PER_FILE_BYTE * (itemBytes + dictionaryBytes), "the item side of version " + id);
        ArtifactReader.Factors items = readChecked(id, factors, ArtifactFiles.FACTORS, header.itemSectionOffset(),
                factors.bytes(), in -> ArtifactReader.readItemSide(in, header, name(id, ArtifactFiles.FACTORS)));
        Ids ids = mapped ? whole.dictionaries(id, manifest, items) : Ids.INT;
        Scorer scorer = Scorer.create(items.users(), items.items(), SeenItems.empty());
        ServingModel model = new ServingModel(id.value(), manifest.createdAt(), scorer, items.popularItems(),
                items.popularCounts(), null, ids);
        UserSide users = new UserSide(id.value(), header.rank(), header.users(), shape.userSideBytes(), factors,
                entry(id, manifest, ArtifactFiles.SEEN), mapped ? ids.users().size() : -1);
        return new ItemSide(model, users);
    }

    private interface RangeReader<T> {
        T read(InputStream in) throws IOException;
    }

    /** Reads bytes {@code from .. to} of a listed file, checked by its chunks. */
    private <T> T readChecked(VersionId id, Manifest.FileEntry entry, String file, long from, long to,
                              RangeReader<T> reader) {
        Path path = new Path(store.versionPath(id), file);
        try (InputStream in = CheckedRange.open(store.fileSystem(), path, entry, from, to, name(id, file))) {
            return reader.read(in);
        } catch (java.io.EOFException e) {
            throw new CorruptVersionException(name(id, file) + ": truncated (ends before its declared content)", e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Manifest.FileEntry entry(VersionId id, Manifest manifest, String file) {
        Manifest.FileEntry entry = manifest.files().get(file);
        if (entry == null) {
            throw new CorruptVersionException(name(id, file) + ": not listed in manifest.json");
        }
        return entry;
    }

    private static String name(VersionId id, String file) {
        return "version " + id + " file " + file;
    }
}
