package io.freshet.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * The ratings of one partition, parsed one input record at a time on an executor. Rejected records go
 * to the tally; when the input is exhausted the partition's report is sent once.
 *
 * @param <T> an input record
 */
abstract class ParsedRows<T> implements Iterator<Row> {
    private final Iterator<T> input;
    private final PartitionReports reports;
    /** Where {@link #parse} counts the records it rejects. */
    protected final PartitionReport.Tally tally;
    private Row next;
    private boolean reported;

    ParsedRows(Iterator<T> input, PartitionReports reports) {
        this.input = input;
        this.reports = reports;
        this.tally = reports.tally();
    }

    /** The rating of this record, or null when it holds none: blank, a header, or rejected into the tally. */
    protected abstract Row parse(T record);

    /** The line counts of the splits read, sent with the report. */
    protected abstract List<SplitLines> splits();

    @Override
    public final boolean hasNext() {
        while (next == null && input.hasNext()) {
            next = parse(input.next());
            if (next != null) {
                tally.keep(next);
            }
        }
        if (next == null && !reported) {
            reported = true;
            reports.send(tally, splits());
        }
        return next != null;
    }

    @Override
    public final Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
    }
}
