package io.freshet.data;

/** The rating input formats {@code fit} reads (docs/input-formats.md). */
public enum RatingFormat {
    /** Detect from the first file: Parquet magic, "::", a CSV header, or tab/space-separated numbers. */
    AUTO,
    /** MovieLens {@code user::item::rating[::timestamp]}. */
    MOVIELENS,
    /** Tab- or space-separated {@code user item rating [timestamp]}, CRLF tolerated. */
    DELIMITED,
    /** CSV with a header row; column names from the read options. */
    CSV,
    /** Parquet with the named columns. */
    PARQUET
}
