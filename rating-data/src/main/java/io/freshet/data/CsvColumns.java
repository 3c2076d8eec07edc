package io.freshet.data;

import io.freshet.BadInputException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Where the rating fields sit in the lines of one CSV file, found by name in its header.
 *
 * @param user      index of the user id column
 * @param item      index of the item id column
 * @param rating    index of the rating column
 * @param timestamp index of the timestamp column, or -1 when the header has none
 * @param width     how many fields the header has, and so every line must have
 * @param header    the header as read, for messages
 */
record CsvColumns(int user, int item, int rating, int timestamp, int width, String header) implements Serializable {

    CsvColumns {
        if (user < 0 || item < 0 || rating < 0 || timestamp < -1) {
            throw new IllegalArgumentException("CSV column indexes must be >= 0, got user " + user + ", item " + item
                    + ", rating " + rating + ", timestamp " + timestamp);
        }
    }

    /** The columns named by the options in this header; BadInputException naming the file when one is missing. */
    static CsvColumns fromHeader(String file, String headerLine, RatingReadOptions options) {
        String header = headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine;
        List<String> names;
        try {
            names = Arrays.asList(new CsvFields().split(header));
        } catch (FieldRejection e) {
            throw new BadInputException(file + ":1: unreadable CSV header: " + e.reason());
        }
        int user = required(file, names, options.userCol(), "user id", header);
        int item = required(file, names, options.itemCol(), "item id", header);
        int rating = required(file, names, options.ratingCol(), "rating", header);
        int timestamp = options.timeCol() == null ? -1 : names.indexOf(options.timeCol());
        return new CsvColumns(user, item, rating, timestamp, names.size(), Printable.of(header, Printable.RAW_LINE_CHARS));
    }

    private static int required(String file, List<String> names, String column, String role, String header) {
        int index = column == null ? -1 : names.indexOf(column);
        if (index < 0) {
            throw new BadInputException(file + ":1: CSV header has no " + role + " column '" + column + "'; header found: '"
                    + Printable.of(header, Printable.RAW_LINE_CHARS) + "' (set the column names with the read options)");
        }
        return index;
    }
}
