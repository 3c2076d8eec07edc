package io.freshet.data;

import io.freshet.ids.IdKind;
import org.apache.spark.sql.Row;

/**
 * One data line of a CSV file whose header gave {@link CsvColumns}. Every line must have as many fields
 * as the header; columns other than the four named ones are ignored; an empty timestamp means none.
 */
final class CsvLineParser implements LineParser {
    private static final long serialVersionUID = 1L;

    private final CsvColumns columns;
    private final IdKind ids;
    private transient CsvFields splitter;

    /** A parser of int ids. */
    CsvLineParser(CsvColumns columns) {
        this(columns, IdKind.INT);
    }

    /** A parser of ids of {@code ids}. */
    CsvLineParser(CsvColumns columns, IdKind ids) {
        this.columns = columns;
        this.ids = ids;
    }

    @Override
    public Row parse(String line) throws FieldRejection {
        if (splitter == null) {
            splitter = new CsvFields();
        }
        String[] fields = splitter.split(line);
        if (fields.length != columns.width()) {
            throw new FieldRejection(Fields.LINE, "expected " + columns.width() + " comma-separated fields as in the header '"
                    + columns.header() + "', found " + fields.length);
        }
        String timestamp = columns.timestamp() < 0 || fields[columns.timestamp()].isEmpty()
                ? null : fields[columns.timestamp()];
        return RatingSchema.parse(ids, fields[columns.user()], fields[columns.item()], fields[columns.rating()], timestamp);
    }

    @Override
    public boolean hasHeader() {
        return true;
    }
}
