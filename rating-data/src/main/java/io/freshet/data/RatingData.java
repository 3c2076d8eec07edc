package io.freshet.data;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Ratings read and validated, ready for ALS (ids are ints: the input's, or indices of its mapped ids).
 *
 * @param ratings     columns {@code user} int, {@code item} int, {@code rating} float, {@code timestamp} long
 *                    (null where the input has none); cached by the reader
 * @param format      the format read (never AUTO)
 * @param files       the input files read, as fully qualified paths
 * @param fingerprint sha256 hex over the sorted (path, length, modification time) of the input files
 * @param rows        ratings kept
 * @param badLines    malformed lines tolerated under maxBadLines (written to the rejects path)
 * @param hasTimestamps true when every kept rating has a timestamp
 * @param maxRating   the largest rating kept
 * @param index       who rated what: distinct users and items, seen items, popularity
 * @param ids         the id space: int ids as they are, or the dictionaries that mapped 64-bit or string ids to the
 *                    int indices of {@code ratings}
 */
public record RatingData(Dataset<Row> ratings, RatingFormat format, List<String> files, String fingerprint, long rows,
                         long badLines, boolean hasTimestamps, float maxRating, RatingIndex index, RatingIds ids) {
    /** Drops the cached ratings and dictionaries. */
    public void release() {
        ratings.unpersist();
        ids.release();
    }

    /** Distinct users. */
    public long users() {
        return index.users();
    }

    /** Distinct items. */
    public long items() {
        return index.items();
    }
}
