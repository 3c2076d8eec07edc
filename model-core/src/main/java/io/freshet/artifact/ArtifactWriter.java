package io.freshet.artifact;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * Writes factors.bin and seen.bin (big-endian, docs/store-format.md). Plain data only: ids, counts and
 * floats, nothing a reader could execute.
 */
public final class ArtifactWriter {
    private ArtifactWriter() {
    }

    /** Creates a file by its name in a version directory: a pending version's {@code create} (see the store). */
    @FunctionalInterface
    public interface FileCreator {
        OutputStream create(String name) throws IOException;
    }

    /**
     * Writes factors.bin and seen.bin, each created by {@code files} and closed: the one way the trainer, the
     * benchmarks and the test fixtures write an artifact. An IOException names the file it failed on.
     */
    public static void writeFiles(ModelArtifact model, FileCreator files) throws IOException {
        writeFile(files, ArtifactFiles.FACTORS, out -> writeFactors(model, out));
        writeFile(files, ArtifactFiles.SEEN, out -> writeSeen(model.seen(), out));
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void writeFile(FileCreator files, String name, Body body) throws IOException {
        try (OutputStream out = files.create(name)) {
            body.writeTo(out);
        } catch (IOException e) {
            throw new IOException("cannot write " + name + ": " + e.getMessage(), e);
        }
    }

    /** Writes the factor file: header, users, items, popularity, end magic. Refuses NaN or Inf. */
    public static void writeFactors(ModelArtifact model, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        writeFactorsHeader(data, model.rank(), model.users().size(), model.items().size(), model.popularItems().length);
        writeMatrix(model.users(), "user", data);
        writeItemsAndEnd(data, model.items(), model.popularItems(), model.popularCounts());
    }

    /**
     * Writes the factor file with its user records streamed from {@code userRecords} (blocks in ascending user
     * order, as {@link RecordBlock.Builder#addFactors} encodes them): the writer holds one block at a time. The
     * blocks must hold exactly {@code users} records, ids ascending across blocks, or the file is refused (a
     * CorruptArtifactException, before the end marker is written).
     */
    public static void writeFactors(int rank, int users, Iterator<RecordBlock> userRecords, FactorMatrix items,
                                    int[] popularItems, int[] popularCounts, OutputStream out) throws IOException {
        if (items.rank() != rank || popularItems.length != popularCounts.length) {
            throw new IllegalArgumentException("rank " + rank + " with items of rank " + items.rank() + ", "
                    + popularItems.length + " popular items with " + popularCounts.length + " counts");
        }
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        writeFactorsHeader(data, rank, users, items.size(), popularItems.length);
        long bytes = streamBlocks(userRecords, users, -1, data, ArtifactFiles.FACTORS);
        if (bytes != (long) users * ArtifactRecords.factorRecordBytes(rank)) {
            throw new CorruptArtifactException(ArtifactFiles.FACTORS + ": the user records hold " + bytes
                    + " bytes, not " + users + " records of rank " + rank);
        }
        writeItemsAndEnd(data, items, popularItems, popularCounts);
    }

    private static void writeFactorsHeader(DataOutputStream data, int rank, int users, int items, int popular)
            throws IOException {
        data.write(ArtifactFiles.FACTORS_MAGIC);
        data.writeInt(ArtifactFiles.BINARY_FORMAT);
        data.writeInt(rank);
        data.writeInt(users);
        data.writeInt(items);
        data.writeInt(popular);
    }

    private static void writeItemsAndEnd(DataOutputStream data, FactorMatrix items, int[] popularItems,
                                         int[] popularCounts) throws IOException {
        writeMatrix(items, "item", data);
        for (int i = 0; i < popularItems.length; i++) {
            data.writeInt(popularItems[i]);
            data.writeInt(popularCounts[i]);
        }
        data.write(ArtifactFiles.END_MAGIC);
        data.flush();
    }

    /**
     * Copies the blocks into {@code data}, checking that they hold {@code records} records (and {@code entries}
     * entries, unless negative) with ids ascending across blocks; the bytes copied.
     */
    private static long streamBlocks(Iterator<RecordBlock> blocks, long records, long entries,
                                     DataOutputStream data, String name) throws IOException {
        long seenRecords = 0;
        long seenEntries = 0;
        long bytes = 0;
        Integer last = null;
        while (blocks.hasNext()) {
            RecordBlock b = blocks.next();
            if (b.records() == 0) {
                continue;
            }
            if (last != null && b.firstId() <= last) {
                throw new CorruptArtifactException(name + ": user records out of order: a block starting at user "
                        + b.firstId() + " follows user " + last);
            }
            last = b.lastId();
            seenRecords += b.records();
            seenEntries += b.entries();
            bytes += b.bytes().length;
            if (seenRecords > records) {
                break;
            }
            data.write(b.bytes());
        }
        if (seenRecords != records || (entries >= 0 && seenEntries != entries)) {
            throw new CorruptArtifactException(name + ": the user records streamed (" + seenRecords + " users"
                    + (entries >= 0 ? ", " + seenEntries + " entries" : "") + ") differ from its header (" + records
                    + " users" + (entries >= 0 ? ", " + entries + " entries" : "") + ")");
        }
        return bytes;
    }

    /**
     * Writes the seen-item file with its records streamed from {@code records} (blocks in ascending user order, as
     * {@link RecordBlock.Builder#addSeen} encodes them), holding one block at a time; blocks that do not add up to
     * the header's {@code users} and {@code entries} are refused (a CorruptArtifactException, no end marker).
     */
    public static void writeSeen(int users, long entries, Iterator<RecordBlock> records, OutputStream out)
            throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        writeSeenHeader(data, users, entries);
        streamBlocks(records, users, entries, data, ArtifactFiles.SEEN);
        data.write(ArtifactFiles.END_MAGIC);
        data.flush();
    }

    private static void writeSeenHeader(DataOutputStream data, int users, long entries) throws IOException {
        data.write(ArtifactFiles.SEEN_MAGIC);
        data.writeInt(ArtifactFiles.BINARY_FORMAT);
        data.writeInt(users);
        data.writeLong(entries);
    }

    /** Writes the seen-item file: header, one record per user, end magic. */
    public static void writeSeen(SeenItems seen, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        writeSeenHeader(data, seen.users(), seen.entries());
        int[] users = seen.userIds();
        int[] offsets = seen.offsets();
        int[] items = seen.itemIds();
        for (int u = 0; u < users.length; u++) {
            data.writeInt(users[u]);
            data.writeInt(offsets[u + 1] - offsets[u]);
            for (int k = offsets[u]; k < offsets[u + 1]; k++) {
                data.writeInt(items[k]);
            }
        }
        data.write(ArtifactFiles.END_MAGIC);
        data.flush();
    }

    private static void writeMatrix(FactorMatrix m, String side, DataOutputStream data) throws IOException {
        int rank = m.rank();
        float[] values = m.values();
        for (int r = 0; r < m.size(); r++) {
            data.writeInt(m.id(r));
            for (int k = 0; k < rank; k++) {
                float v = values[r * rank + k];
                if (!Float.isFinite(v)) {
                    throw new CorruptArtifactException(side + " " + m.id(r) + " has a non-finite factor " + v
                            + " at position " + k + ": such a model is never written");
                }
                data.writeFloat(v);
            }
        }
    }
}
