package io.freshet.data;

import io.freshet.ids.IdKind;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * Decides the kind of a text input's ids before it is parsed ({@code --ids auto}, docs/input-formats.md, "Ids"):
 * from the user and item ids of the first {@link #SAMPLE_LINES} rating lines of the first non-empty file. String
 * when a side's sample holds ids that are not 64-bit integers, more than 1% of them and at least 3 (or all of
 * them): a catalogue of string ids; a stray malformed id in integer data stays a bad line of the parse, reported
 * with its file, line and field, as it always was. Otherwise long when some id does not fit an int, else int.
 * Lines that are not ratings are skipped here; the parse reports them.
 */
final class IdKindDetector {
    /** How many lines of the first file are looked at. */
    static final int SAMPLE_LINES = 1000;

    private IdKindDetector() {
    }

    /** The kind and why it was chosen, for the log. */
    record Decision(IdKind kind, String reason) {
    }

    /**
     * Looks at the first lines of {@code file}, parsed by {@code parser} (a parser of string ids, which takes any
     * id as it is written).
     */
    static Decision detect(InputFile file, LineParser parser, Configuration conf) {
        List<String> lines = FileHead.firstLines(file, SAMPLE_LINES + (parser.hasHeader() ? 1 : 0), conf);
        String longWhy = null;
        String[] stringWhy = new String[2];
        int[] notIntegers = new int[2];
        int ratings = 0;
        for (int i = parser.hasHeader() ? 1 : 0; i < lines.size(); i++) {
            Row row = parsed(parser, lines.get(i));
            if (row == null) {
                continue;
            }
            ratings++;
            for (int side = 0; side < 2; side++) {
                String id = row.getString(side);
                IdKind k = Fields.kindOf(id);
                String what = (side == 0 ? Fields.USER : Fields.ITEM) + " id " + Fields.quote(id) + " on line " + (i + 1);
                if (k == IdKind.STRING) {
                    notIntegers[side]++;
                    stringWhy[side] = stringWhy[side] == null ? what : stringWhy[side];
                } else if (k == IdKind.LONG && longWhy == null) {
                    longWhy = what + " does not fit a 32-bit int";
                }
            }
        }
        String sample = "the first " + ratings + " ratings of " + file.path();
        for (int side = 0; side < 2; side++) {
            int n = notIntegers[side];
            if (n * 100L > ratings && (n >= 3 || n == ratings)) {
                return new Decision(IdKind.STRING, n + " " + (side == 0 ? Fields.USER : Fields.ITEM) + " ids of " + sample
                        + " are not 64-bit integers, the first: " + stringWhy[side]);
            }
        }
        if (longWhy != null) {
            return new Decision(IdKind.LONG, longWhy + " (of " + sample + ")");
        }
        return new Decision(IdKind.INT, "every id of " + sample + " fits a 32-bit int"
                + (notIntegers[0] + notIntegers[1] > 0 ? " but " + (notIntegers[0] + notIntegers[1])
                + " malformed ones, too few for string ids (bad lines unless --ids string)" : ""));
    }

    private static Row parsed(LineParser parser, String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return parser.parse(line);
        } catch (FieldRejection e) {
            return null;
        }
    }
}
