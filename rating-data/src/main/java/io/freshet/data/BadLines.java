package io.freshet.data;

import io.freshet.BadInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The malformed records of one read (driver side): how many there were, and the first of them numbered
 * and in input order. A line's number is the lines read by the earlier splits of its file plus its place
 * in its own split, so no input is read again.
 *
 * @param count every malformed record found
 * @param first the first ones (all of them when there are no more than the read tolerates), in input order
 */
record BadLines(long count, List<BadLine> first) {

    BadLines {
        first = List.copyOf(first);
        if (count < first.size()) {
            throw new IllegalArgumentException("bad line count " + count + " is below the " + first.size() + " listed");
        }
    }

    static BadLines of(List<PartitionReport> reports) {
        Map<String, TreeMap<Long, Long>> splitLines = new HashMap<>();
        long count = 0;
        for (PartitionReport report : reports) {
            count += report.rejected();
            for (SplitLines split : report.splits()) {
                splitLines.computeIfAbsent(split.file(), f -> new TreeMap<>()).put(split.start(), split.lines());
            }
        }
        Map<String, TreeMap<Long, Long>> linesBefore = new HashMap<>();
        splitLines.forEach((file, splits) -> linesBefore.put(file, cumulative(splits)));
        List<BadLine> first = new ArrayList<>();
        for (PartitionReport report : reports) {
            for (Rejection r : report.first()) {
                long before = linesBefore.getOrDefault(r.file(), new TreeMap<>()).getOrDefault(r.splitStart(), 0L);
                first.add(new BadLine(r.file(), before + r.index() + 1, r.field(), r.reason(), r.raw()));
            }
        }
        first.sort(Comparator.comparing(BadLine::file).thenComparingLong(BadLine::line));
        return new BadLines(count, first);
    }

    /** Split start to the lines of the file before it. */
    private static TreeMap<Long, Long> cumulative(TreeMap<Long, Long> splits) {
        TreeMap<Long, Long> before = new TreeMap<>();
        long lines = 0;
        for (Map.Entry<Long, Long> split : splits.entrySet()) {
            before.put(split.getKey(), lines);
            lines += split.getValue();
        }
        return before;
    }

    /** The exception for more bad lines than {@code maxBadLines}: the first one, and the count when some are allowed. */
    BadInputException tooMany(long maxBadLines) {
        String firstLine = first.get(0).message();
        if (maxBadLines == 0) {
            return new BadInputException(firstLine);
        }
        return new BadInputException("found " + count + " bad lines, more than the " + maxBadLines
                + " allowed (max bad lines); the first: " + firstLine);
    }
}
