package io.freshet.artifact;

import java.io.BufferedInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads and validates factors.bin and seen.bin: magic, binary format version, shapes, ascending ids,
 * finite factors, the end magic and nothing after it. Any violation is a CorruptArtifactException naming the
 * file (as given by the caller) and the problem.
 */
public final class ArtifactReader {
    /** Sanity bound on rank, so a corrupt header cannot ask for absurd allocations. */
    static final int MAX_RANK = 4096;

    private ArtifactReader() {
    }

    /** Factors and popularity from a factor file; seen items are read separately. */
    public record Factors(FactorMatrix users, FactorMatrix items, int[] popularItems, int[] popularCounts) {
    }

    /** The shape factors.bin's header declares (docs/store-format.md): what the rest of the file holds. */
    public record FactorsHeader(int rank, int users, int items, int popular) {
        /** Where the item records start: after the header and the user records. */
        public long itemSectionOffset() {
            return ArtifactRecords.userRecordOffset(rank, users);
        }

        /** The file's length as the header declares it. */
        public long length() {
            return ArtifactRecords.userRecordOffset(rank, (long) users + items) + 8L * popular
                    + ArtifactFiles.END_MAGIC.length;
        }
    }

    /**
     * Reads and checks factors.bin's header: magic, binary format, shape, and that the size it declares is exactly
     * {@code length}, so a corrupt header cannot ask for more memory than the file's own size.
     */
    public static FactorsHeader readFactorsHeader(DataInput data, long length, String name) throws IOException {
        ArtifactRecords.expectMagic(data, ArtifactFiles.FACTORS_MAGIC, name);
        ArtifactRecords.expectFormat(data, name);
        int rank = data.readInt();
        int users = data.readInt();
        int items = data.readInt();
        int popular = data.readInt();
        if (rank < 1 || rank > MAX_RANK) {
            throw corrupt(name, "rank " + rank + " is outside 1.." + MAX_RANK);
        }
        if (users < 0 || items < 1 || popular < 0 || popular > items) {
            throw corrupt(name, "bad shape: " + users + " users, " + items + " items, " + popular + " popular");
        }
        FactorsHeader header = new FactorsHeader(rank, users, items, popular);
        expectLength(header.length(), length, name);
        return header;
    }

    /**
     * Reads a factor file of {@code length} bytes. The size its header declares must be exactly {@code length}
     * before anything is allocated, so a corrupt header cannot ask for more memory than the file's own size.
     */
    public static Factors readFactors(InputStream in, long length, String name) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            FactorsHeader header = readFactorsHeader(data, length, name);
            FactorMatrix userMatrix = readMatrix(data, header.rank(), header.users(), "user", name);
            return readItemSection(data, header, userMatrix, name);
        } catch (EOFException e) {
            throw corrupt(name, "truncated (ends before its declared content)");
        }
    }

    /**
     * Reads factors.bin's item side from {@code in}, which starts at the item records ({@link
     * FactorsHeader#itemSectionOffset}) and ends with the file: the items, the popular list and the end marker, with
     * no users (the predictor's driver when its executors read the users).
     */
    public static Factors readItemSide(InputStream in, FactorsHeader header, String name) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            return readItemSection(data, header, new FactorMatrix(header.rank(), new int[0], new float[0]), name);
        } catch (EOFException e) {
            throw corrupt(name, "truncated (ends before its declared content)");
        }
    }

    private static Factors readItemSection(DataInputStream data, FactorsHeader header, FactorMatrix userMatrix,
                                           String name) throws IOException {
        FactorMatrix itemMatrix = readMatrix(data, header.rank(), header.items(), "item", name);
        int popular = header.popular();
        int[] popularItems = new int[popular];
        int[] popularCounts = new int[popular];
        for (int i = 0; i < popular; i++) {
            popularItems[i] = data.readInt();
            popularCounts[i] = data.readInt();
            if (itemMatrix.rowOf(popularItems[i]) < 0) {
                throw corrupt(name, "popular item " + popularItems[i] + " has no factors");
            }
        }
        expectEnd(data, name);
        return new Factors(userMatrix, itemMatrix, popularItems, popularCounts);
    }

    /** Reads a seen-item file of {@code length} bytes, checked against its header first as for factors. */
    public static SeenItems readSeen(InputStream in, long length, String name) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            ArtifactRecords.SeenHeader header = ArtifactRecords.readSeenHeader(data, name);
            int users = header.users();
            long entries = header.entries();
            expectLength(ArtifactFiles.SEEN_MAGIC.length + 4 + 4 + 8 + 8L * users + 4 * entries
                    + ArtifactFiles.END_MAGIC.length, length, name);
            int[] userIds = new int[users];
            int[] offsets = new int[users + 1];
            int[] itemIds = new int[(int) entries];
            int at = 0;
            for (int u = 0; u < users; u++) {
                ArtifactRecords.SeenRecord record = ArtifactRecords.readSeenRecord(data, entries - at, name);
                userIds[u] = record.user();
                if (u > 0 && userIds[u] <= userIds[u - 1]) {
                    throw corrupt(name, "users not ascending at record " + u);
                }
                System.arraycopy(record.items(), 0, itemIds, at, record.items().length);
                at += record.items().length;
                offsets[u + 1] = at;
            }
            if (at != entries) {
                throw corrupt(name, "holds " + at + " entries, header says " + entries);
            }
            expectEnd(data, name);
            return new SeenItems(userIds, offsets, itemIds);
        } catch (EOFException e) {
            throw corrupt(name, "truncated (ends before its declared content)");
        }
    }

    private static FactorMatrix readMatrix(DataInputStream data, int rank, int count, String side, String name)
            throws IOException {
        int[] ids = new int[count];
        float[] values = new float[Math.multiplyExact(count, rank)];
        for (int r = 0; r < count; r++) {
            ids[r] = ArtifactRecords.readFactorRecord(data, rank, values, r * rank, side, name);
            if (r > 0 && ids[r] <= ids[r - 1]) {
                throw corrupt(name, side + " ids not ascending at row " + r + " (" + ids[r - 1] + " then " + ids[r] + ")");
            }
        }
        return new FactorMatrix(rank, ids, values);
    }

    private static void expectLength(long declared, long length, String name) {
        ArtifactRecords.expectLength(declared, length, name);
    }

    private static void expectEnd(DataInputStream data, String name) throws IOException {
        ArtifactRecords.expectEnd(data, name);
    }

    private static CorruptArtifactException corrupt(String name, String what) {
        return ArtifactRecords.corrupt(name, what);
    }
}
