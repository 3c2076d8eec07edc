package io.freshet.data;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns every reader produces: user int, item int, rating float, timestamp long (nullable). */
final class RatingSchema {
    static final String USER = "user";
    static final String ITEM = "item";
    static final String RATING = "rating";
    static final String TIMESTAMP = "timestamp";

    static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField(USER, DataTypes.IntegerType, false),
            DataTypes.createStructField(ITEM, DataTypes.IntegerType, false),
            DataTypes.createStructField(RATING, DataTypes.FloatType, false),
            DataTypes.createStructField(TIMESTAMP, DataTypes.LongType, true)});

    private RatingSchema() {
    }

    static boolean hasTimestamp(Row rating) {
        return !rating.isNullAt(3);
    }

    static Row row(int user, int item, float rating, Long timestamp) {
        return RowFactory.create(user, item, rating, timestamp);
    }

    /** A row from the three or four text fields of one rating. */
    static Row parse(String user, String item, String rating, String timestamp) throws FieldRejection {
        int userId = Fields.id(user, Fields.USER);
        int itemId = Fields.id(item, Fields.ITEM);
        float value = Fields.rating(rating);
        Long time = timestamp == null ? null : Fields.timestamp(timestamp);
        return row(userId, itemId, value, time);
    }
}
