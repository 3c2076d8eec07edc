package io.freshet.data;

import java.util.Objects;
import java.util.Optional;

/**
 * How to read ratings.
 *
 * @param format      the input format, or AUTO
 * @param userCol     CSV/Parquet column of the user id (default userId)
 * @param itemCol     CSV/Parquet column of the item id (default movieId)
 * @param ratingCol   CSV/Parquet column of the rating (default rating)
 * @param timeCol     CSV/Parquet column of the timestamp (default timestamp; optional in the data)
 * @param maxBadLines how many malformed lines to tolerate; 0 fails on the first one
 * @param rejectsPath where tolerated bad lines are written with their reasons (a Hadoop path), if anywhere
 * @param ids         what the user and item ids are, or AUTO to decide from the input
 */
public record RatingReadOptions(RatingFormat format, String userCol, String itemCol, String ratingCol, String timeCol,
                                long maxBadLines, Optional<String> rejectsPath, IdChoice ids) {
    public RatingReadOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(ids, "ids");
        if (maxBadLines < 0) {
            throw new IllegalArgumentException("max bad lines must be >= 0, got " + maxBadLines);
        }
    }

    /** Options that decide the kind of the ids from the input ({@link IdChoice#AUTO}). */
    public RatingReadOptions(RatingFormat format, String userCol, String itemCol, String ratingCol, String timeCol,
                             long maxBadLines, Optional<String> rejectsPath) {
        this(format, userCol, itemCol, ratingCol, timeCol, maxBadLines, rejectsPath, IdChoice.AUTO);
    }

    /** These options with the ids taken as {@code choice}. */
    public RatingReadOptions withIds(IdChoice choice) {
        return new RatingReadOptions(format, userCol, itemCol, ratingCol, timeCol, maxBadLines, rejectsPath, choice);
    }

    public static RatingReadOptions defaults() {
        return new RatingReadOptions(RatingFormat.AUTO, "userId", "movieId", "rating", "timestamp", 0, Optional.empty());
    }
}
