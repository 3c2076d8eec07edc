package io.freshet.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.freshet.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Ratings from Parquet files, columns by name. Each file's schema is checked on the driver (ids must be
 * integral, the rating numeric, the timestamp integral seconds or a timestamp); values are checked on the
 * executors (no nulls, ids that fit an int, finite ratings), each bad one named by file and 1-based row.
 */
final class ParquetRatings {
    private static final String FILE = "freshet_file";
    private static final String ROW = "freshet_row";

    private ParquetRatings() {
    }

    static JavaRDD<Row> parse(SparkSession spark, List<InputFile> files, RatingReadOptions options,
                              PartitionReports reports) {
        List<String> paths = files.stream().map(InputFile::path).toList();
        Dataset<Row> all = null;
        for (int i = 0; i < files.size(); i++) {
            Dataset<Row> file = columns(spark, paths.get(i), i, options);
            all = all == null ? file : all.union(file);
        }
        List<String> names = Arrays.asList(options.userCol(), options.itemCol(), options.ratingCol(), options.timeCol());
        return all.javaRDD().mapPartitions(new Validator(paths, names, reports));
    }

    /** One file's rating columns as (file, row, user long, item long, rating double, timestamp long). */
    private static Dataset<Row> columns(SparkSession spark, String path, int fileIndex, RatingReadOptions options) {
        StructType schema = schema(spark, path);
        integral(path, schema, options.userCol(), "user id");
        integral(path, schema, options.itemCol(), "item id");
        StructField rating = field(schema, options.ratingCol())
                .orElseThrow(() -> missing(path, schema, options.ratingCol(), "rating"));
        if (!(rating.dataType() instanceof NumericType)) {
            throw wrongType(path, rating, "the rating must be numeric");
        }
        Column timestamp = field(schema, options.timeCol()).map(f -> timestamp(path, f))
                .orElse(lit(null).cast(DataTypes.LongType));
        return spark.read().parquet(path).select(
                lit(fileIndex).as(FILE),
                col("_metadata.row_index").as(ROW),
                col(quoted(options.userCol())).cast(DataTypes.LongType),
                col(quoted(options.itemCol())).cast(DataTypes.LongType),
                col(quoted(rating.name())).cast(DataTypes.DoubleType),
                timestamp);
    }

    private static StructType schema(SparkSession spark, String path) {
        try {
            return spark.read().parquet(path).schema();
        } catch (Exception e) { // AnalysisException is checked in Java's eyes but undeclared in Scala
            throw new BadInputException("cannot read Parquet file " + path + ": " + e.getMessage(), e);
        }
    }

    private static void integral(String path, StructType schema, String column, String role) {
        StructField field = field(schema, column).orElseThrow(() -> missing(path, schema, column, role));
        if (!isIntegral(field.dataType())) {
            throw wrongType(path, field, role + "s must be integers (int, or long values that fit an int)");
        }
    }

    private static Column timestamp(String path, StructField field) {
        if (isIntegral(field.dataType()) || field.dataType().equals(DataTypes.TimestampType)) {
            return col(quoted(field.name())).cast(DataTypes.LongType);
        }
        throw wrongType(path, field, "the timestamp must be integral seconds since the epoch or a timestamp");
    }

    private static boolean isIntegral(DataType type) {
        return type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)
                || type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType);
    }

    private static Optional<StructField> field(StructType schema, String name) {
        return Arrays.stream(schema.fields()).filter(f -> f.name().equals(name)).findFirst();
    }

    private static BadInputException missing(String path, StructType schema, String column, String role) {
        return new BadInputException(path + ": Parquet file has no " + role + " column '" + column + "'; columns found: "
                + Arrays.toString(schema.fieldNames()) + " (set the column names with the read options)");
    }

    private static BadInputException wrongType(String path, StructField field, String rule) {
        return new BadInputException(path + ": column '" + field.name() + "' has type "
                + field.dataType().simpleString() + "; " + rule);
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    /** Checks the values of each row of a partition (executor side). */
    private static final class Validator implements FlatMapFunction<Iterator<Row>, Row> {
        private static final long serialVersionUID = 1L;

        private final List<String> paths;
        private final List<String> names;
        private final PartitionReports reports;

        Validator(List<String> paths, List<String> names, PartitionReports reports) {
            this.paths = List.copyOf(paths);
            this.names = new ArrayList<>(names);
            this.reports = reports;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new ParsedRows<Row>(rows, reports) {
                @Override
                protected Row parse(Row row) {
                    try {
                        return rating(row);
                    } catch (FieldRejection e) {
                        FieldRejection named = new FieldRejection(e.field(), "column '" + column(e.field()) + "': " + e.reason());
                        tally.reject(Rejection.of(paths.get(row.getInt(0)), 0, row.getLong(1), named, shown(row)));
                        return null;
                    }
                }

                @Override
                protected List<SplitLines> splits() {
                    return List.of();
                }
            };
        }

        private static Row rating(Row row) throws FieldRejection {
            int user = Fields.id(notNull(row, 2, Fields.USER).longValue(), Fields.USER);
            int item = Fields.id(notNull(row, 3, Fields.ITEM).longValue(), Fields.ITEM);
            double rating = notNull(row, 4, Fields.RATING).doubleValue();
            float value = Fields.rating(rating, Double.toString(rating));
            return RatingSchema.row(user, item, value, row.isNullAt(5) ? null : row.getLong(5));
        }

        private static Number notNull(Row row, int index, String field) throws FieldRejection {
            if (row.isNullAt(index)) {
                throw new FieldRejection(field, "null");
            }
            return (Number) row.get(index);
        }

        private String column(String field) {
            return names.get(List.of(Fields.USER, Fields.ITEM, Fields.RATING, Fields.TIMESTAMP).indexOf(field));
        }

        private String shown(Row row) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                if (i == 3 && names.get(i) == null) {
                    continue;
                }
                out.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(row.get(i + 2));
            }
            return out.toString();
        }
    }
}
