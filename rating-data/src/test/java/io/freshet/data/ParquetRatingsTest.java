package io.freshet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.BadInputException;
import io.freshet.testing.LocalSparkExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Parquet ratings: columns by name, the types accepted, and bad values named by file, row and field. */
// Small read partitions, so that a file with several row groups is read by several tasks.
@LocalSparkExtension.Settings({"spark.sql.files.maxPartitionBytes=4096", "spark.sql.files.openCostInBytes=1024"})
class ParquetRatingsTest extends ReaderTest {
    /** Parquet with int ids ({@code --ids int}: long columns whose values fit an int are read as ints). */
    private static RatingReadOptions parquet() {
        RatingReadOptions d = RatingReadOptions.defaults();
        return new RatingReadOptions(RatingFormat.PARQUET, d.userCol(), d.itemCol(), d.ratingCol(), d.timeCol(), 0,
                Optional.empty(), IdChoice.INT);
    }

    private static StructType schema(DataType user, DataType item, DataType rating) {
        return new StructType().add("userId", user).add("movieId", item).add("rating", rating);
    }

    /** Writes the rows as one Parquet file under dir/name (a Spark output folder) and returns that file. */
    private Path parquet(String name, StructType schema, List<Row> rows) {
        Path out = dir.resolve(name);
        spark.createDataFrame(rows, schema).coalesce(1).write().option("parquet.block.size", "1024").parquet(out.toString());
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String failure(Path input) {
        return assertThrows(BadInputException.class, () -> reader.read(input.toString(), parquet())).getMessage();
    }

    @Test
    void intIdsDoubleRatingsAndLongTimestampsAreRead() {
        StructType schema = schema(DataTypes.IntegerType, DataTypes.IntegerType, DataTypes.DoubleType)
                .add("timestamp", DataTypes.LongType).add("title", DataTypes.StringType);
        Path file = parquet("in", schema, List.of(RowFactory.create(1, 10, 3.5, 100L, "a"), RowFactory.create(2, 20, 5.0, 200L, "b")));
        RatingData data = reader.read(file.getParent().toString(), parquet());
        assertEquals(List.of("1,10,3.5,100", "2,20,5.0,200"), RatingReaderTextTest.rows(data));
        assertTrue(data.hasTimestamps());
        assertEquals(RatingFormat.PARQUET, data.format());
        assertEquals(1, data.files().size());
    }

    @Test
    void longIdsThatFitDecimalRatingsAndTimestampColumnsAreRead() {
        StructType schema = schema(DataTypes.LongType, DataTypes.ShortType, DataTypes.createDecimalType(3, 1))
                .add("timestamp", DataTypes.TimestampType);
        Path file = parquet("in", schema, List.of(RowFactory.create(2_000_000_000L, (short) 7, new BigDecimal("4.5"),
                Timestamp.from(Instant.ofEpochSecond(978_300_760)))));
        assertEquals(List.of("2000000000,7,4.5,978300760"), RatingReaderTextTest.rows(reader.read(file.toString(), parquet())));
    }

    @Test
    void withoutATimestampColumnTimestampsAreNull() {
        Path file = parquet("in", schema(DataTypes.IntegerType, DataTypes.IntegerType, DataTypes.FloatType),
                List.of(RowFactory.create(1, 2, 0.5f)));
        RatingData data = reader.read(file.toString(), parquet());
        assertEquals(List.of("1,2,0.5,-"), RatingReaderTextTest.rows(data));
        assertFalse(data.hasTimestamps());
    }

    @Test
    void autoDetectsAParquetFolderAndAFileByItsMagic() throws Exception {
        Path file = parquet("in", schema(DataTypes.IntegerType, DataTypes.IntegerType, DataTypes.FloatType),
                List.of(RowFactory.create(1, 2, 3f)));
        assertEquals(RatingFormat.PARQUET, reader.read(file.getParent().toString(), RatingReadOptions.defaults()).format());
        Path renamed = Files.copy(file, dir.resolve("ratings-without-extension"));
        assertEquals(RatingFormat.PARQUET, reader.read(renamed.toString(), RatingReadOptions.defaults()).format());
    }

    @Test
    void aDoubleIdColumnIsATypeErrorNamingFileAndColumn() {
        Path file = parquet("in", schema(DataTypes.DoubleType, DataTypes.IntegerType, DataTypes.FloatType),
                List.of(RowFactory.create(1.0, 2, 3f)));
        assertEquals("file:" + file + ": column 'userId' has type double; user ids must be integers "
                + "(int, or long values that fit an int)", failure(file));
    }

    @Test
    void aStringRatingColumnIsATypeError() {
        Path file = parquet("in", schema(DataTypes.IntegerType, DataTypes.IntegerType, DataTypes.StringType),
                List.of(RowFactory.create(1, 2, "3")));
        assertTrue(failure(file).endsWith(": column 'rating' has type string; the rating must be numeric"));
    }

    @Test
    void aMissingColumnNamesFileColumnAndTheColumnsFound() {
        StructType schema = new StructType().add("userId", DataTypes.IntegerType).add("itemId", DataTypes.IntegerType)
                .add("rating", DataTypes.FloatType);
        Path file = parquet("in", schema, List.of(RowFactory.create(1, 2, 3f)));
        assertEquals("file:" + file + ": Parquet file has no item id column 'movieId'; columns found: [userId, itemId, rating]"
                + " (set the column names with the read options)", failure(file));
    }

    @Test
    void aNullIdIsNamedByFileRowAndField() {
        Path file = parquet("in", schema(DataTypes.IntegerType, DataTypes.IntegerType, DataTypes.FloatType),
                List.of(RowFactory.create(1, 2, 3f), RowFactory.create(1, 3, 3f), RowFactory.create(2, null, 4f)));
        assertEquals("file:" + file + ":3: field item: column 'movieId': null: 'userId=2, movieId=null, rating=4.0, timestamp=null'",
                failure(file));
    }

    @Test
    void aLongIdBeyondTheIntRangeIsNamedByRow() {
        Path file = parquet("in", schema(DataTypes.LongType, DataTypes.IntegerType, DataTypes.FloatType),
                List.of(RowFactory.create(1L, 2, 3f), RowFactory.create(3_000_000_000L, 3, 3f)));
        assertTrue(failure(file).startsWith("file:" + file
                + ":2: field user: column 'userId': user id 3000000000 does not fit in a 32-bit int"));
    }

    @Test
    void aNanRatingDeepInAFileOfManyRowGroupsIsNamedByItsRow() {
        List<Row> rows = new ArrayList<>();
        for (int n = 1; n <= 5_000; n++) {
            rows.add(RowFactory.create(n, n % 13, n == 4_321 ? Double.NaN : 1.0 + n % 4));
        }
        Path file = parquet("in", schema(DataTypes.IntegerType, DataTypes.IntegerType, DataTypes.DoubleType), rows);
        assertTrue(spark.read().parquet(file.toString()).javaRDD().getNumPartitions() > 1, "the file should be read in parts");
        assertEquals("file:" + file + ":4321: field rating: column 'rating': 'NaN' is not a finite number: "
                + "'userId=4321, movieId=5, rating=NaN, timestamp=null'", failure(file));
    }
}
