package io.freshet.data;

/**
 * A malformed input line (or Parquet row) with its 1-based line number.
 *
 * @param file   the fully qualified path of its file
 * @param line   the 1-based line (for Parquet: row) in that file
 * @param field  user, item, rating, timestamp, or line (a wrong field count)
 * @param reason why the field is wrong
 * @param raw    the line as read
 */
record BadLine(String file, long line, String field, String reason, String raw) {

    /** {@code FILE:LINE: field FIELD: REASON: 'RAW LINE'}, the raw line escaped and cut for one line of text. */
    String message() {
        return location() + ": '" + Printable.of(raw, Printable.RAW_LINE_CHARS) + "'";
    }

    /** {@code FILE:LINE: field FIELD: REASON<TAB>RAW LINE}, the raw line as read: one line of a rejects file. */
    String rejectsLine() {
        return location() + '\t' + raw;
    }

    private String location() {
        return file + ':' + line + ": field " + field + ": " + reason;
    }
}
