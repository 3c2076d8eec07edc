package io.freshet.data;

import io.freshet.ids.IdKind;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns every reader produces: user int, item int, rating float, timestamp long (nullable). Ratings of
 * 64-bit or string ids are parsed first into the same columns with long or string ids ({@link #schema}), then
 * mapped to int indices ({@link IdMapping}).
 */
final class RatingSchema {
    static final String USER = "user";
    static final String ITEM = "item";
    static final String RATING = "rating";
    static final String TIMESTAMP = "timestamp";

    static final StructType SCHEMA = withIds(DataTypes.IntegerType);
    private static final StructType LONG_IDS = withIds(DataTypes.LongType);
    private static final StructType STRING_IDS = withIds(DataTypes.StringType);

    private RatingSchema() {
    }

    /** The columns of ratings parsed with ids of {@code kind}: {@link #SCHEMA} for int ids. */
    static StructType schema(IdKind kind) {
        return switch (kind) {
            case INT -> SCHEMA;
            case LONG -> LONG_IDS;
            case STRING -> STRING_IDS;
        };
    }

    private static StructType withIds(DataType ids) {
        return new StructType(new StructField[] {
                DataTypes.createStructField(USER, ids, false),
                DataTypes.createStructField(ITEM, ids, false),
                DataTypes.createStructField(RATING, DataTypes.FloatType, false),
                DataTypes.createStructField(TIMESTAMP, DataTypes.LongType, true)});
    }

    static boolean hasTimestamp(Row rating) {
        return !rating.isNullAt(3);
    }

    /** A row of {@link #schema}({@code ids}) from the three or four text fields of one rating. */
    static Row parse(IdKind ids, String user, String item, String rating, String timestamp) throws FieldRejection {
        Object userId = Fields.id(ids, user, Fields.USER);
        Object itemId = Fields.id(ids, item, Fields.ITEM);
        float value = Fields.rating(rating);
        Long time = timestamp == null ? null : Fields.timestamp(timestamp);
        return RowFactory.create(userId, itemId, value, time);
    }
}
