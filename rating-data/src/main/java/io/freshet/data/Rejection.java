package io.freshet.data;

import java.io.Serializable;

/**
 * One malformed record as an executor found it, before its line number is known.
 *
 * @param file       the fully qualified path of its file
 * @param splitStart the byte offset where the split that read it starts (0 for Parquet)
 * @param index      the 0-based line within that split (for Parquet: the 0-based row within the file)
 * @param field      user, item, rating, timestamp, or line
 * @param reason     why the field is wrong
 * @param raw        the record as read, cut at {@link #RAW_CHARS} characters
 */
record Rejection(String file, long splitStart, long index, String field, String reason, String raw)
        implements Serializable {
    static final int RAW_CHARS = 4096;

    static Rejection of(String file, long splitStart, long index, FieldRejection rejection, String raw) {
        String kept = raw.length() > RAW_CHARS ? raw.substring(0, RAW_CHARS) : raw;
        return new Rejection(file, splitStart, index, rejection.field(), rejection.reason(), kept);
    }
}
