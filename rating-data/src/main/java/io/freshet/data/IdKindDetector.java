package io.freshet.data;

import io.freshet.ids.IdKind;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * Decides the kind of a text input's ids before it is parsed ({@code --ids auto}, docs/input-formats.md, "Ids"):
 * from the user and item ids of the first {@link #SAMPLE_LINES} rating lines of the first non-empty file, int when
 * they all fit an int, else long when they all fit a long, else string. Lines that are not ratings are skipped
 * here; the parse reports them.
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
        IdKind kind = IdKind.INT;
        String why = null;
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
                if (k.compareTo(kind) > 0) {
                    kind = k;
                    why = (side == 0 ? Fields.USER : Fields.ITEM) + " id " + Fields.quote(id) + " on line " + (i + 1)
                            + (k == IdKind.LONG ? " does not fit a 32-bit int" : " is not a 64-bit integer");
                }
            }
        }
        String sample = "the first " + ratings + " ratings of " + file.path();
        return new Decision(kind, why == null ? "every id of " + sample + " fits a 32-bit int" : why + " (of " + sample + ")");
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
