package io.freshet.artifact;

import java.io.BufferedInputStream;
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

    public static Factors readFactors(InputStream in, String name) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            expectMagic(data, ArtifactFiles.FACTORS_MAGIC, name);
            expectFormat(data, name);
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
            FactorMatrix userMatrix = readMatrix(data, rank, users, "user", name);
            FactorMatrix itemMatrix = readMatrix(data, rank, items, "item", name);
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
        } catch (EOFException e) {
            throw corrupt(name, "truncated (ends before its declared content)");
        }
    }

    public static SeenItems readSeen(InputStream in, String name) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            expectMagic(data, ArtifactFiles.SEEN_MAGIC, name);
            expectFormat(data, name);
            int users = data.readInt();
            long entries = data.readLong();
            if (users < 0 || entries < 0 || entries > Integer.MAX_VALUE - 8) {
                throw corrupt(name, "bad shape: " + users + " users, " + entries + " entries");
            }
            int[] userIds = new int[users];
            int[] offsets = new int[users + 1];
            int[] itemIds = new int[(int) entries];
            int at = 0;
            for (int u = 0; u < users; u++) {
                userIds[u] = data.readInt();
                if (u > 0 && userIds[u] <= userIds[u - 1]) {
                    throw corrupt(name, "users not ascending at record " + u);
                }
                int n = data.readInt();
                if (n < 0 || (long) at + n > entries) {
                    throw corrupt(name, "user " + userIds[u] + " has " + n + " items, beyond the declared " + entries);
                }
                for (int k = 0; k < n; k++) {
                    itemIds[at + k] = data.readInt();
                }
                at += n;
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
            ids[r] = data.readInt();
            if (r > 0 && ids[r] <= ids[r - 1]) {
                throw corrupt(name, side + " ids not ascending at row " + r + " (" + ids[r - 1] + " then " + ids[r] + ")");
            }
            for (int k = 0; k < rank; k++) {
                float v = data.readFloat();
                if (!Float.isFinite(v)) {
                    throw corrupt(name, side + " " + ids[r] + " has a non-finite factor (" + v + ")");
                }
                values[r * rank + k] = v;
            }
        }
        return new FactorMatrix(rank, ids, values);
    }

    private static void expectMagic(DataInputStream data, byte[] magic, String name) throws IOException {
        byte[] found = new byte[magic.length];
        data.readFully(found);
        if (!Arrays.equals(found, magic)) {
            throw corrupt(name, "not a Freshet " + (magic == ArtifactFiles.SEEN_MAGIC ? "seen-item" : "factor")
                    + " file (bad magic)");
        }
    }

    private static void expectFormat(DataInputStream data, String name) throws IOException {
        int format = data.readInt();
        if (format != ArtifactFiles.BINARY_FORMAT) {
            throw corrupt(name, "binary format " + format + " is not supported (this Freshet reads "
                    + ArtifactFiles.BINARY_FORMAT + ")");
        }
    }

    private static void expectEnd(DataInputStream data, String name) throws IOException {
        byte[] end = new byte[ArtifactFiles.END_MAGIC.length];
        data.readFully(end);
        if (!Arrays.equals(end, ArtifactFiles.END_MAGIC)) {
            throw corrupt(name, "missing end marker (truncated or overwritten)");
        }
        if (data.read() != -1) {
            throw corrupt(name, "has bytes after its end marker");
        }
    }

    private static CorruptArtifactException corrupt(String name, String what) {
        return new CorruptArtifactException(name + ": " + what);
    }
}
