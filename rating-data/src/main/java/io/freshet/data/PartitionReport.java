package io.freshet.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What one partition found: how many ratings it kept (and how many of them have a timestamp), the lines
 * of each split it read, how many records it rejected, the first of them (as many as the driver may
 * need to report or write), and the largest rating it kept (negative infinity when it kept none). Nothing in it
 * grows with the ratings: who rated what is counted on the executors ({@link RatingIndex}).
 */
record PartitionReport(int partition, long ratings, long timestamped, List<SplitLines> splits, long rejected,
                       List<Rejection> first, float maxRating) implements Serializable {

    PartitionReport {
        splits = List.copyOf(splits);
        first = List.copyOf(first);
    }

    /** Counts one partition's ratings and rejections on an executor, keeping the first {@code keep} rejections. */
    static final class Tally {
        private final int keep;
        private final List<Rejection> first = new ArrayList<>();
        private long ratings;
        private long timestamped;
        private float maxRating = Float.NEGATIVE_INFINITY;
        private long rejected;

        Tally(int keep) {
            this.keep = keep;
        }

        /** Counts a kept rating, a row of {@link RatingSchema}. */
        void keep(Row row) {
            keep(row.getFloat(2), RatingSchema.hasTimestamp(row));
        }

        private void keep(float rating, boolean hasTimestamp) {
            ratings++;
            maxRating = Math.max(maxRating, rating);
            if (hasTimestamp) {
                timestamped++;
            }
        }

        void reject(Rejection rejection) {
            rejected++;
            if (first.size() < keep) {
                first.add(rejection);
            }
        }

        PartitionReport report(int partition, List<SplitLines> splits) {
            return new PartitionReport(partition, ratings, timestamped, splits, rejected, first, maxRating);
        }
    }
}
