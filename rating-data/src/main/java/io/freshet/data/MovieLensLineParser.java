package io.freshet.data;

import io.freshet.ids.IdKind;
import org.apache.spark.sql.Row;

/** {@code user::item::rating[::timestamp]}, as in the MovieLens 1M and 10M {@code ratings.dat}. */
final class MovieLensLineParser implements LineParser {
    private static final long serialVersionUID = 1L;

    private final IdKind ids;

    /** A parser of int ids. */
    MovieLensLineParser() {
        this(IdKind.INT);
    }

    /** A parser of ids of {@code ids}. */
    MovieLensLineParser(IdKind ids) {
        this.ids = ids;
    }
    private static final String SEPARATOR = "::";

    @Override
    public Row parse(String line) throws FieldRejection {
        int first = line.indexOf(SEPARATOR);
        int second = first < 0 ? -1 : line.indexOf(SEPARATOR, first + 2);
        int third = second < 0 ? -1 : line.indexOf(SEPARATOR, second + 2);
        int fourth = third < 0 ? -1 : line.indexOf(SEPARATOR, third + 2);
        if (second < 0 || fourth >= 0) {
            throw new FieldRejection(Fields.LINE,
                    "expected 3 or 4 fields user::item::rating[::timestamp], found " + fieldCount(line));
        }
        String user = line.substring(0, first).trim();
        String item = line.substring(first + 2, second).trim();
        String rating = (third < 0 ? line.substring(second + 2) : line.substring(second + 2, third)).trim();
        String timestamp = third < 0 ? null : line.substring(third + 2).trim();
        return RatingSchema.parse(ids, user, item, rating, timestamp);
    }

    private static int fieldCount(String line) {
        int count = 1;
        for (int at = line.indexOf(SEPARATOR); at >= 0; at = line.indexOf(SEPARATOR, at + SEPARATOR.length())) {
            count++;
        }
        return count;
    }
}
