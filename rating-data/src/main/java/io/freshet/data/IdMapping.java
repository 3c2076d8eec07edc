package io.freshet.data;

import static org.apache.spark.sql.functions.col;

import io.freshet.ids.IdKind;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Maps parsed ratings of 64-bit or string ids to int indices on the executors: each side's distinct ids are
 * sorted and indexed ({@link DictionaryFrame}), and the ratings joined to them, so that what follows the read
 * (the index, the holdout split, ALS, the export) works on {@link RatingSchema#SCHEMA} as for int ids.
 */
final class IdMapping {
    private static final String USER_ID = "freshet_user_id";
    private static final String USER_INDEX = "freshet_user_index";
    private static final String ITEM_ID = "freshet_item_id";
    private static final String ITEM_INDEX = "freshet_item_index";

    private IdMapping() {
    }

    /** The mapped ratings (not yet cached) and the dictionaries that map them. */
    record Mapped(Dataset<Row> ratings, RatingIds ids) {
    }

    /** Maps {@code parsed}, ratings of {@link RatingSchema#schema}({@code kind}). */
    static Mapped map(Dataset<Row> parsed, IdKind kind) {
        DictionaryFrame users = DictionaryFrame.of(parsed, RatingSchema.USER, kind);
        DictionaryFrame items;
        try {
            items = DictionaryFrame.of(parsed, RatingSchema.ITEM, kind);
        } catch (RuntimeException e) {
            users.release();
            throw e;
        }
        Dataset<Row> u = users.frame().toDF(USER_ID, USER_INDEX);
        Dataset<Row> i = items.frame().toDF(ITEM_ID, ITEM_INDEX);
        Dataset<Row> mapped = parsed
                .join(u, parsed.col(RatingSchema.USER).equalTo(u.col(USER_ID)))
                .join(i, parsed.col(RatingSchema.ITEM).equalTo(i.col(ITEM_ID)))
                .select(col(USER_INDEX).as(RatingSchema.USER), col(ITEM_INDEX).as(RatingSchema.ITEM),
                        col(RatingSchema.RATING), col(RatingSchema.TIMESTAMP));
        return new Mapped(mapped, RatingIds.mapped(kind, users, items));
    }
}
