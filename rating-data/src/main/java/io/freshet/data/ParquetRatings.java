package io.freshet.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.freshet.BadInputException;
import io.freshet.ids.IdKind;
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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Ratings from Parquet files, columns by name. Each file's schema is checked on the driver (ids integral, or
 * strings for string ids; the rating numeric, the timestamp integral seconds or a timestamp); values are checked on
 * the executors (no nulls, ids of the kind read, finite ratings), each bad one named by file and 1-based row.
 */
final class ParquetRatings {
    private static final String FILE = "freshet_file";
    private static final String ROW = "freshet_row";

    private ParquetRatings() {
    }

    /**
     * The kind of the ids of {@code files}, from their id columns' types ({@code --ids auto}): string if any is a
     * string column, else long if any is a long column, else int.
     */
    static IdKindDetector.Decision idKind(SparkSession spark, List<InputFile> files, RatingReadOptions options) {
        IdKind kind = IdKind.INT;
        String why = "every id column is an integer column of at most 32 bits";
        for (InputFile file : files) {
            StructType schema = schema(spark, file.path());
            for (String column : List.of(options.userCol(), options.itemCol())) {
                String role = column.equals(options.userCol()) ? "user id" : "item id";
                StructField field = field(schema, column).orElseThrow(() -> missing(file.path(), schema, column, role));
                IdKind k = field.dataType().equals(DataTypes.StringType) ? IdKind.STRING
                        : field.dataType().equals(DataTypes.LongType) ? IdKind.LONG : IdKind.INT;
                if (k.compareTo(kind) > 0) {
                    kind = k;
                    why = file.path() + ": column '" + column + "' has type " + field.dataType().simpleString();
                }
            }
        }
        return new IdKindDetector.Decision(kind, why);
    }

    /** Rows of {@link RatingSchema#schema}({@code ids}). */
    static JavaRDD<Row> parse(SparkSession spark, List<InputFile> files, RatingReadOptions options, IdKind ids,
                              PartitionReports reports) {
        List<String> paths = files.stream().map(InputFile::path).toList();
        Dataset<Row> all = null;
        for (int i = 0; i < files.size(); i++) {
            Dataset<Row> file = columns(spark, paths.get(i), i, options, ids);
            all = all == null ? file : all.union(file);
        }
        List<String> names = Arrays.asList(options.userCol(), options.itemCol(), options.ratingCol(), options.timeCol());
        return all.javaRDD().mapPartitions(new Validator(paths, names, ids, reports));
    }

    /** One file's rating columns as (file, row, user, item, rating double, timestamp long), ids long or string. */
    private static Dataset<Row> columns(SparkSession spark, String path, int fileIndex, RatingReadOptions options,
                                        IdKind ids) {
        StructType schema = schema(spark, path);
        idColumn(path, schema, options.userCol(), "user id", ids);
        idColumn(path, schema, options.itemCol(), "item id", ids);
        DataType idType = ids == IdKind.STRING ? DataTypes.StringType : DataTypes.LongType;
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
                col(quoted(options.userCol())).cast(idType),
                col(quoted(options.itemCol())).cast(idType),
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

    /** Integral columns hold ids of any kind; string columns string ids only. */
    private static void idColumn(String path, StructType schema, String column, String role, IdKind ids) {
        StructField field = field(schema, column).orElseThrow(() -> missing(path, schema, column, role));
        boolean string = field.dataType().equals(DataTypes.StringType);
        if (ids == IdKind.STRING ? !string && !isIntegral(field.dataType()) : !isIntegral(field.dataType())) {
            String rule = switch (ids) {
                case INT -> role + "s must be integers (int, or long values that fit an int)";
                case LONG -> role + "s must be integers with --ids long";
                case STRING -> role + "s must be strings or integers";
            };
            throw wrongType(path, field, rule + (string ? "; --ids string reads string ids" : ""));
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
        private final IdKind ids;
        private final PartitionReports reports;

        Validator(List<String> paths, List<String> names, IdKind ids, PartitionReports reports) {
            this.paths = List.copyOf(paths);
            this.names = new ArrayList<>(names);
            this.ids = ids;
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

        private Row rating(Row row) throws FieldRejection {
            Object user = id(row, 2, Fields.USER);
            Object item = id(row, 3, Fields.ITEM);
            double rating = ((Number) notNull(row, 4, Fields.RATING)).doubleValue();
            float value = Fields.rating(rating, Double.toString(rating));
            return RowFactory.create(user, item, value, row.isNullAt(5) ? null : row.getLong(5));
        }

        private Object id(Row row, int index, String field) throws FieldRejection {
            Object value = notNull(row, index, field);
            return switch (ids) {
                case INT -> Fields.id((Long) value, field);
                case LONG -> value;
                case STRING -> Fields.stringId((String) value, field);
            };
        }

        private static Object notNull(Row row, int index, String field) throws FieldRejection {
            if (row.isNullAt(index)) {
                throw new FieldRejection(field, "null");
            }
            return row.get(index);
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
