package io.freshet.ids;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The ids of one side (users or items) of a version fitted on 64-bit or string ids, in ascending order: an id's
 * index is its position, the int ALS and the artifact files know it by. 64-bit ids ascend as signed numbers,
 * string ids by their UTF-8 bytes compared as unsigned (Spark's own order for strings), so a dictionary built by
 * sorting on the executors is already in this order. Lookups are binary searches over compact arrays (8 bytes an
 * id for 64-bit ids, the UTF-8 bytes and 4 for strings): no hash map with an object per id. Immutable.
 */
public final class IdDictionary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final IdKind kind;
    private final long[] longs;
    private final byte[] bytes;
    private final int[] offsets;

    private IdDictionary(IdKind kind, long[] longs, byte[] bytes, int[] offsets) {
        this.kind = kind;
        this.longs = longs;
        this.bytes = bytes;
        this.offsets = offsets;
    }

    /** 64-bit ids, strictly ascending (IllegalArgumentException otherwise). */
    public static IdDictionary ofLongs(long[] ascending) {
        for (int i = 1; i < ascending.length; i++) {
            if (ascending[i] <= ascending[i - 1]) {
                throw new IllegalArgumentException("64-bit ids not strictly ascending at index " + i + " ("
                        + ascending[i - 1] + " then " + ascending[i] + ")");
            }
        }
        return new IdDictionary(IdKind.LONG, ascending.clone(), null, null);
    }

    /**
     * String ids given as their UTF-8 bytes, concatenated in {@code bytes}, id {@code i} at
     * {@code offsets[i] .. offsets[i + 1]}: each 1 to {@link Ids#MAX_STRING_BYTES} bytes, strictly ascending
     * (IllegalArgumentException otherwise).
     */
    public static IdDictionary ofUtf8(byte[] bytes, int[] offsets) {
        if (offsets.length < 1 || offsets[0] != 0 || offsets[offsets.length - 1] != bytes.length) {
            throw new IllegalArgumentException("offsets do not span the bytes");
        }
        for (int i = 0; i + 1 < offsets.length; i++) {
            int length = offsets[i + 1] - offsets[i];
            if (length < 1 || length > Ids.MAX_STRING_BYTES) {
                throw new IllegalArgumentException("string id at index " + i + " is " + length + " bytes long (1 to "
                        + Ids.MAX_STRING_BYTES + " allowed)");
            }
            if (i > 0 && Arrays.compareUnsigned(bytes, offsets[i - 1], offsets[i], bytes, offsets[i], offsets[i + 1]) >= 0) {
                throw new IllegalArgumentException("string ids not strictly ascending at index " + i);
            }
        }
        return new IdDictionary(IdKind.STRING, null, bytes.clone(), offsets.clone());
    }

    /** String ids in any order, without duplicates (IllegalArgumentException for a duplicate or a bad length). */
    public static IdDictionary ofStrings(Collection<String> ids) {
        List<byte[]> encoded = new ArrayList<>(ids.size());
        for (String id : ids) {
            encoded.add(id.getBytes(StandardCharsets.UTF_8));
        }
        encoded.sort(Arrays::compareUnsigned);
        int[] offsets = new int[encoded.size() + 1];
        int total = 0;
        for (int i = 0; i < encoded.size(); i++) {
            total = Math.addExact(total, encoded.get(i).length);
            offsets[i + 1] = total;
        }
        byte[] bytes = new byte[total];
        for (int i = 0; i < encoded.size(); i++) {
            System.arraycopy(encoded.get(i), 0, bytes, offsets[i], encoded.get(i).length);
        }
        return ofUtf8(bytes, offsets);
    }

    public IdKind kind() {
        return kind;
    }

    public int size() {
        return kind == IdKind.LONG ? longs.length : offsets.length - 1;
    }

    /** The index of 64-bit id {@code id}, or -1 when the dictionary does not hold it (always -1 for string ids). */
    public int indexOf(long id) {
        if (kind != IdKind.LONG) {
            return -1;
        }
        int at = Arrays.binarySearch(longs, id);
        return at >= 0 ? at : -1;
    }

    /** The index of string id {@code id}, or -1 when the dictionary does not hold it (always -1 for 64-bit ids). */
    public int indexOf(String id) {
        if (kind != IdKind.STRING) {
            return -1;
        }
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(bytes, offsets[mid], offsets[mid + 1], key, 0, key.length);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The 64-bit id at {@code index}. */
    public long longAt(int index) {
        if (kind != IdKind.LONG) {
            throw new IllegalStateException("a dictionary of string ids has no 64-bit ids");
        }
        return longs[index];
    }

    /** The string id at {@code index}. */
    public String stringAt(int index) {
        if (kind != IdKind.STRING) {
            throw new IllegalStateException("a dictionary of 64-bit ids has no string ids");
        }
        return new String(bytes, offsets[index], offsets[index + 1] - offsets[index], StandardCharsets.UTF_8);
    }

    /** The UTF-8 length of the string id at {@code index}. */
    public int utf8Length(int index) {
        return offsets[index + 1] - offsets[index];
    }

    /** The id at {@code index} as text: the decimal number or the string itself. */
    public String textAt(int index) {
        return kind == IdKind.LONG ? Long.toString(longAt(index)) : stringAt(index);
    }

    /** Bytes the dictionary holds (its arrays), for size checks and logs. */
    public long heapBytes() {
        return kind == IdKind.LONG ? 8L * longs.length : bytes.length + 4L * offsets.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdDictionary d && d.kind == kind && Arrays.equals(d.longs, longs)
                && Arrays.equals(d.bytes, bytes) && Arrays.equals(d.offsets, offsets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Arrays.hashCode(longs)) + Arrays.hashCode(offsets);
    }

    @Override
    public String toString() {
        return size() + " " + kind.label() + " ids";
    }
}
