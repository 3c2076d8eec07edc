package io.freshet.data;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * Parses one non-blank line of a text rating file into a row of {@link RatingSchema}. Runs on the
 * executors, so it is serializable and holds no driver state.
 */
interface LineParser extends Serializable {
    /** The rating on this line; FieldRejection naming the field when the line is malformed. */
    Row parse(String line) throws FieldRejection;

    /** True when the first line of each file is a header, not a rating. */
    default boolean hasHeader() {
        return false;
    }
}
