package io.freshet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbering and ordering the rejections that partitions report. */
class BadLinesTest {
    private static Rejection rejection(String file, long start, long index) {
        return new Rejection(file, start, index, "rating", "bad", "raw " + index);
    }

    @Test
    void aLineNumberAddsTheLinesOfTheEarlierSplitsOfItsFile() {
        List<PartitionReport> reports = List.of(
                new PartitionReport(2, 0, 0, List.of(new SplitLines("f", 200, 7)), 1, List.of(rejection("f", 200, 3)), Float.NEGATIVE_INFINITY),
                new PartitionReport(0, 0, 0, List.of(new SplitLines("f", 0, 10)), 0, List.of(), Float.NEGATIVE_INFINITY),
                new PartitionReport(1, 0, 0, List.of(new SplitLines("f", 100, 5)), 1, List.of(rejection("f", 100, 0)), Float.NEGATIVE_INFINITY),
                new PartitionReport(3, 0, 0, List.of(new SplitLines("g", 0, 4)), 1, List.of(rejection("g", 0, 2)), Float.NEGATIVE_INFINITY));
        BadLines bad = BadLines.of(reports);
        assertEquals(3, bad.count());
        assertEquals(List.of("f:11", "f:19", "g:3"), bad.first().stream().map(b -> b.file() + ":" + b.line()).toList());
    }

    @Test
    void parquetRowsNeedNoSplitCounts() {
        BadLines bad = BadLines.of(List.of(new PartitionReport(0, 0, 0, List.of(), 1, List.of(rejection("p", 0, 41)), Float.NEGATIVE_INFINITY)));
        assertEquals(42, bad.first().get(0).line());
    }

    @Test
    void theCountIncludesRejectionsNotKept() {
        BadLines bad = BadLines.of(List.of(new PartitionReport(0, 0, 0, List.of(new SplitLines("f", 0, 9)), 5,
                List.of(rejection("f", 0, 1)), Float.NEGATIVE_INFINITY)));
        assertEquals(5, bad.count());
        assertEquals("found 5 bad lines, more than the 2 allowed (max bad lines); the first: f:2: field rating: bad: 'raw 1'",
                bad.tooMany(2).getMessage());
        assertEquals("f:2: field rating: bad: 'raw 1'", bad.tooMany(0).getMessage());
    }

    @Test
    void aRejectsLineKeepsTheRawLineAsRead() {
        BadLine line = new BadLine("f", 3, "user", "'a' is not an integer", "a\t1\t2");
        assertEquals("f:3: field user: 'a' is not an integer\ta\t1\t2", line.rejectsLine());
        assertEquals("f:3: field user: 'a' is not an integer: 'a\\t1\\t2'", line.message());
    }
}
