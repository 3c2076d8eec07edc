package io.freshet.data;

import org.apache.spark.sql.SparkSession;

/**
 * Reads ratings in any supported format from a file or a directory of files (any Hadoop FileSystem),
 * validates every line on the executors, and reports the first malformed line by file, line number and
 * field; or, under maxBadLines, counts bad lines and writes them with their reasons to the rejects path.
 */
public final class RatingReader {
    private final SparkSession spark;

    public RatingReader(SparkSession spark) {
        this.spark = spark;
    }

    /** Reads and validates; BadInputException on malformed, empty or undetectable input. */
    public RatingData read(String inputPath, RatingReadOptions options) {
        throw new UnsupportedOperationException("data: to be implemented");
    }
}
