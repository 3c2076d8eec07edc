package io.freshet.artifact;

import java.io.DataInput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The records of factors.bin and seen.bin one at a time (docs/store-format.md), for readers that split a file
 * or stream it without holding it whole: the predictor's executors read the user section of factors.bin by byte
 * ranges, since its records have a fixed width. {@link ArtifactReader} reads whole files with the same methods.
 */
public final class ArtifactRecords {
    /** Bytes before the first user record of factors.bin: magic (8), then format, rank, users, items, popular (4 each). */
    public static final int FACTORS_HEADER_BYTES = 28;

    private ArtifactRecords() {
    }

    /** Bytes of one factor record: the id (int32) and {@code rank} float32 factors. */
    public static int factorRecordBytes(int rank) {
        return Integer.BYTES + rank * Float.BYTES;
    }

    /** Where the record of user row {@code row} starts in a factor file of rank {@code rank}. */
    public static long userRecordOffset(int rank, long row) {
        return FACTORS_HEADER_BYTES + row * factorRecordBytes(rank);
    }

    /**
     * Reads one factor record: puts its {@code rank} factors in {@code values[offset ..]} and returns its id.
     * A non-finite factor is a CorruptArtifactException naming {@code side} ("user", "item") and the file.
     */
    public static int readFactorRecord(DataInput data, int rank, float[] values, int offset, String side, String name)
            throws IOException {
        int id = data.readInt();
        for (int k = 0; k < rank; k++) {
            float v = data.readFloat();
            if (!Float.isFinite(v)) {
                throw corrupt(name, side + " " + id + " has a non-finite factor (" + v + ")");
            }
            values[offset + k] = v;
        }
        return id;
    }

    /** The header of seen.bin: how many user records follow and how many item entries they hold in all. */
    public record SeenHeader(int users, long entries) {
    }

    /** Reads and checks seen.bin's magic, format version and shape. */
    public static SeenHeader readSeenHeader(DataInput data, String name) throws IOException {
        expectMagic(data, ArtifactFiles.SEEN_MAGIC, name);
        expectFormat(data, name);
        int users = data.readInt();
        long entries = data.readLong();
        if (users < 0 || entries < 0 || entries > Integer.MAX_VALUE - 8) {
            throw corrupt(name, "bad shape: " + users + " users, " + entries + " entries");
        }
        return new SeenHeader(users, entries);
    }

    /** One record of seen.bin: a user and the items it rated, as stored (ascending). */
    public record SeenRecord(int user, int[] items) {
    }

    /** Reads one record of seen.bin; more than {@code entriesLeft} items (of those the header declared) is corrupt. */
    public static SeenRecord readSeenRecord(DataInput data, long entriesLeft, String name) throws IOException {
        int user = data.readInt();
        int n = data.readInt();
        if (n < 0 || n > entriesLeft) {
            throw corrupt(name, "user " + user + " has " + n + " items, beyond the declared entries (" + entriesLeft
                    + " left)");
        }
        int[] items = new int[n];
        for (int k = 0; k < n; k++) {
            items[k] = data.readInt();
        }
        return new SeenRecord(user, items);
    }

    static void expectMagic(DataInput data, byte[] magic, String name) throws IOException {
        byte[] found = new byte[magic.length];
        data.readFully(found);
        if (!Arrays.equals(found, magic)) {
            throw corrupt(name, "not a Freshet " + kindOf(magic) + " file (bad magic)");
        }
    }

    private static String kindOf(byte[] magic) {
        if (magic == ArtifactFiles.SEEN_MAGIC) {
            return "seen-item";
        }
        if (magic == IdDictionaryFile.MAGIC) {
            return "id-dictionary";
        }
        return magic == TrainedRatingsFile.MAGIC ? "trained-rating" : "factor";
    }

    static void expectFormat(DataInput data, String name) throws IOException {
        int format = data.readInt();
        if (format != ArtifactFiles.BINARY_FORMAT) {
            throw corrupt(name, "binary format " + format + " is not supported (this Freshet reads "
                    + ArtifactFiles.BINARY_FORMAT + ")");
        }
    }

    static void expectLength(long declared, long length, String name) {
        if (declared > length) {
            throw corrupt(name, "truncated (its header declares " + declared + " bytes, the file has " + length + ")");
        }
        if (declared < length) {
            throw corrupt(name, "has bytes after its end marker (its header declares " + declared
                    + " bytes, the file has " + length + ")");
        }
    }

    /** Reads the end magic and checks that nothing follows it. */
    public static void expectEnd(java.io.DataInputStream data, String name) throws IOException {
        byte[] end = new byte[ArtifactFiles.END_MAGIC.length];
        data.readFully(end);
        if (!Arrays.equals(end, ArtifactFiles.END_MAGIC)) {
            throw corrupt(name, "missing end marker (truncated or overwritten)");
        }
        if (data.read() != -1) {
            throw corrupt(name, "has bytes after its end marker");
        }
    }

    static CorruptArtifactException corrupt(String name, String what) {
        return new CorruptArtifactException(name + ": " + what);
    }
}
