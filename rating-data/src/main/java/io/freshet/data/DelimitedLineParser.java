package io.freshet.data;

import io.freshet.ids.IdKind;
import org.apache.spark.sql.Row;

/**
 * {@code user item rating [timestamp]} separated by tabs or spaces (any run of them), as in the
 * MovieLens 100k {@code u.data}. Leading and trailing blanks, and a CR before the line end, are ignored.
 */
final class DelimitedLineParser implements LineParser {
    private static final long serialVersionUID = 1L;

    private final IdKind ids;

    /** A parser of int ids. */
    DelimitedLineParser() {
        this(IdKind.INT);
    }

    /** A parser of ids of {@code ids}. */
    DelimitedLineParser(IdKind ids) {
        this.ids = ids;
    }

    @Override
    public Row parse(String line) throws FieldRejection {
        String[] fields = new String[4];
        int count = 0;
        int length = line.length();
        int i = 0;
        while (true) {
            while (i < length && isBlank(line.charAt(i))) {
                i++;
            }
            if (i == length) {
                break;
            }
            int start = i;
            while (i < length && !isBlank(line.charAt(i))) {
                i++;
            }
            if (count == fields.length) {
                throw wrongCount(count + 1);
            }
            fields[count++] = line.substring(start, i);
        }
        if (count < 3) {
            throw wrongCount(count);
        }
        return RatingSchema.parse(ids, fields[0], fields[1], fields[2], count == 4 ? fields[3] : null);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static FieldRejection wrongCount(int found) {
        String shown = found > 4 ? "more than 4" : Integer.toString(found);
        return new FieldRejection(Fields.LINE,
                "expected 3 or 4 tab- or space-separated fields: user item rating [timestamp], found " + shown);
    }
}
