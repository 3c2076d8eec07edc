package io.freshet.trainer;

import io.freshet.data.IdChoice;
import io.freshet.data.RatingFormat;
import io.freshet.data.RatingReadOptions;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the ratings are and how to read them: the options {@code fit} and {@code tune} share. */
final class InputOptions {
    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Ratings: a file or a directory of files, on any Hadoop FileSystem.")
    String input;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto, movielens, delimited, csv or parquet (default: ${DEFAULT-VALUE}).")
    RatingFormat format;

    @Option(names = "--ids", defaultValue = "auto", paramLabel = "KIND",
            description = "User and item ids: auto, int, long (64-bit) or string (at most 256 bytes of UTF-8); auto "
                    + "decides from the first lines or the Parquet column types; long and string ids are mapped to int "
                    + "indices and stored as dictionaries (default: ${DEFAULT-VALUE}).")
    IdChoice ids;

    @Option(names = "--user-col", defaultValue = "userId", description = "CSV/Parquet user column (default: ${DEFAULT-VALUE}).")
    String userCol;
    @Option(names = "--item-col", defaultValue = "movieId", description = "CSV/Parquet item column (default: ${DEFAULT-VALUE}).")
    String itemCol;
    @Option(names = "--rating-col", defaultValue = "rating", description = "CSV/Parquet rating column (default: ${DEFAULT-VALUE}).")
    String ratingCol;
    @Option(names = "--time-col", defaultValue = "timestamp",
            description = "CSV/Parquet timestamp column, optional in the data (default: ${DEFAULT-VALUE}).")
    String timeCol;

    @Option(names = "--max-bad-lines", defaultValue = "0", paramLabel = "N",
            description = "Tolerate up to N malformed lines, counted and written to --rejects (default: ${DEFAULT-VALUE}).")
    long maxBadLines;

    @Option(names = "--rejects", paramLabel = "PATH", description = "Where tolerated bad lines go, with their reasons.")
    String rejects;

    String input() {
        return input;
    }

    RatingReadOptions readOptions() {
        return new RatingReadOptions(format, userCol, itemCol, ratingCol, timeCol, maxBadLines,
                Optional.ofNullable(rejects), ids);
    }
}
