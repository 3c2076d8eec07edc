package io.freshet.artifact;

import io.freshet.ids.IdDictionary;
import io.freshet.ids.IdKind;
import io.freshet.ids.Ids;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The id dictionary files of a version fitted on 64-bit or string ids, {@code ids/users.bin} and
 * {@code ids/items.bin} (docs/store-format.md, "Id dictionaries"): the ids in ascending order, so that an id's
 * index is its position. {@link Writer} writes one from a stream of ids, holding none of them; {@link #read}
 * validates one whole (magic, format, kind, shape against the file's length before anything is allocated, lengths,
 * strictly ascending ids, the end magic).
 */
public final class IdDictionaryFile {
    /** The user dictionary's path in a version. */
    public static final String USERS = "ids/users.bin";
    /** The item dictionary's path in a version. */
    public static final String ITEMS = "ids/items.bin";

    static final byte[] MAGIC = {'F', 'R', 'S', 'H', 'I', 'D', 'S', '_'};
    /** Bytes before the first id: magic (8), format, kind, count (4 each), payload bytes (8). */
    static final int HEADER_BYTES = 28;
    private static final int KIND_LONG = 1;
    private static final int KIND_STRING = 2;

    private IdDictionaryFile() {
    }

    /** The payload bytes of a string id of {@code utf8Length} bytes: its length (uint16) and the bytes. */
    public static long stringEntryBytes(int utf8Length) {
        return 2L + utf8Length;
    }

    /** Writes {@code dictionary} whole to {@code out} (closing it). */
    public static void write(IdDictionary dictionary, OutputStream out) throws IOException {
        long payload = 0;
        int n = dictionary.size();
        if (dictionary.kind() == IdKind.LONG) {
            payload = 8L * n;
        } else {
            for (int i = 0; i < n; i++) {
                payload += stringEntryBytes(dictionary.utf8Length(i));
            }
        }
        try (Writer w = new Writer(out, dictionary.kind(), n, payload)) {
            for (int i = 0; i < n; i++) {
                if (dictionary.kind() == IdKind.LONG) {
                    w.add(dictionary.longAt(i));
                } else {
                    w.add(dictionary.stringAt(i));
                }
            }
        }
    }

    /**
     * Writes a dictionary id by id, in ascending order: the count and payload size are given up front (the
     * header holds them), and {@link #close} fails when the ids added do not match them.
     */
    public static final class Writer implements Closeable {
        private final DataOutputStream out;
        private final IdKind kind;
        private final int count;
        private final long payload;
        private int written;
        private long bytes;
        private long lastLong;
        private byte[] lastString;
        private boolean closed;

        public Writer(OutputStream out, IdKind kind, int count, long payload) throws IOException {
            if (!kind.mapped()) {
                throw new IllegalArgumentException("int ids have no dictionary");
            }
            if (count < 0 || payload < 0) {
                throw new IllegalArgumentException("bad shape: " + count + " ids, " + payload + " bytes");
            }
            this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            this.kind = kind;
            this.count = count;
            this.payload = payload;
            this.out.write(MAGIC);
            this.out.writeInt(ArtifactFiles.BINARY_FORMAT);
            this.out.writeInt(kind == IdKind.LONG ? KIND_LONG : KIND_STRING);
            this.out.writeInt(count);
            this.out.writeLong(payload);
        }

        public void add(long id) throws IOException {
            expect(IdKind.LONG);
            if (written > 0 && id <= lastLong) {
                throw new IllegalArgumentException("64-bit ids not strictly ascending: " + lastLong + " then " + id);
            }
            out.writeLong(id);
            lastLong = id;
            written++;
            bytes += 8;
        }

        public void add(String id) throws IOException {
            add(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** Adds a string id given as its UTF-8 bytes. */
        public void add(byte[] utf8) throws IOException {
            expect(IdKind.STRING);
            if (utf8.length < 1 || utf8.length > Ids.MAX_STRING_BYTES) {
                throw new IllegalArgumentException("string id of " + utf8.length + " bytes (1 to "
                        + Ids.MAX_STRING_BYTES + " allowed)");
            }
            if (written > 0 && Arrays.compareUnsigned(lastString, utf8) >= 0) {
                throw new IllegalArgumentException("string ids not strictly ascending at index " + written);
            }
            out.writeShort(utf8.length);
            out.write(utf8);
            lastString = utf8;
            written++;
            bytes += stringEntryBytes(utf8.length);
        }

        private void expect(IdKind asked) {
            if (kind != asked) {
                throw new IllegalArgumentException("a " + kind.label() + " dictionary takes no " + asked.label() + " id");
            }
            if (written == count) {
                throw new IllegalStateException("more ids than the " + count + " declared");
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (written != count || bytes != payload) {
                out.close();
                throw new IllegalStateException("wrote " + written + " ids in " + bytes + " bytes, declared " + count
                        + " ids in " + payload + " bytes");
            }
            out.write(ArtifactFiles.END_MAGIC);
            out.close();
        }
    }

    /** Reads and validates a dictionary file of {@code length} bytes; {@code name} is named in every error. */
    public static IdDictionary read(InputStream in, long length, String name) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            ArtifactRecords.expectMagic(data, MAGIC, name);
            ArtifactRecords.expectFormat(data, name);
            int kind = data.readInt();
            int count = data.readInt();
            long payload = data.readLong();
            if (kind != KIND_LONG && kind != KIND_STRING) {
                throw ArtifactRecords.corrupt(name, "unknown id kind " + kind + " (1 = long, 2 = string)");
            }
            if (count < 0 || payload < 0 || (kind == KIND_LONG && payload != 8L * count)
                    || (kind == KIND_STRING && (payload < 3L * count || payload > Integer.MAX_VALUE - 16))) {
                throw ArtifactRecords.corrupt(name, "bad shape: " + count + " ids in " + payload + " bytes");
            }
            ArtifactRecords.expectLength(HEADER_BYTES + payload + ArtifactFiles.END_MAGIC.length, length, name);
            IdDictionary dictionary = kind == KIND_LONG ? readLongs(data, count, name)
                    : readStrings(data, count, (int) (payload - 2L * count), name);
            ArtifactRecords.expectEnd(data, name);
            return dictionary;
        } catch (EOFException e) {
            throw ArtifactRecords.corrupt(name, "truncated (ends before its declared content)");
        }
    }

    private static IdDictionary readLongs(DataInputStream data, int count, String name) throws IOException {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = data.readLong();
            if (i > 0 && ids[i] <= ids[i - 1]) {
                throw ArtifactRecords.corrupt(name, "ids not ascending at index " + i + " (" + ids[i - 1] + " then "
                        + ids[i] + ")");
            }
        }
        return IdDictionary.ofLongs(ids);
    }

    private static IdDictionary readStrings(DataInputStream data, int count, int textBytes, String name)
            throws IOException {
        byte[] bytes = new byte[textBytes];
        int[] offsets = new int[count + 1];
        int at = 0;
        for (int i = 0; i < count; i++) {
            int length = data.readUnsignedShort();
            if (length < 1 || length > Ids.MAX_STRING_BYTES || length > textBytes - at) {
                throw ArtifactRecords.corrupt(name, "id at index " + i + " has length " + length + " (1 to "
                        + Ids.MAX_STRING_BYTES + " allowed, within the declared size)");
            }
            data.readFully(bytes, at, length);
            if (i > 0 && Arrays.compareUnsigned(bytes, offsets[i - 1], at, bytes, at, at + length) >= 0) {
                throw ArtifactRecords.corrupt(name, "ids not ascending at index " + i);
            }
            at += length;
            offsets[i + 1] = at;
        }
        if (at != textBytes) {
            throw ArtifactRecords.corrupt(name, "holds " + at + " bytes of ids, its header declares " + textBytes);
        }
        return IdDictionary.ofUtf8(bytes, offsets);
    }
}
