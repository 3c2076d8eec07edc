package io.freshet.data;

import static io.freshet.data.TestFiles.lines;
import static io.freshet.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.BadInputException;
import io.freshet.artifact.IdDictionaryFile;
import io.freshet.ids.IdDictionary;
import io.freshet.ids.IdKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Ids of each kind in each format: the auto decision, parsing and limits, and the mapping to int indices. */
class RatingReaderIdsTest extends ReaderTest {
    private static RatingReadOptions options(RatingFormat format, IdChoice ids) {
        return TestFiles.options(format, 0, Optional.empty()).withIds(ids);
    }

    private static List<String> list(java.util.Iterator<String> texts) {
        List<String> out = new ArrayList<>();
        texts.forEachRemaining(out::add);
        return out;
    }

    /** The ratings with their indices turned back into ids through the dictionaries, as "user,item,rating", sorted. */
    private static List<String> byId(RatingData data) {
        assertEquals(DataTypes.IntegerType, data.ratings().schema().apply("user").dataType());
        assertEquals(DataTypes.IntegerType, data.ratings().schema().apply("item").dataType());
        List<String> users = list(data.ids().userTexts());
        List<String> items = list(data.ids().itemTexts());
        return data.ratings().collectAsList().stream()
                .map(r -> users.get(r.getInt(0)) + "," + items.get(r.getInt(1)) + "," + r.getFloat(2)).sorted().toList();
    }

    private static IdDictionary users(RatingData data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            data.ids().writeUsers(out);
            return IdDictionaryFile.read(new ByteArrayInputStream(out.toByteArray()), out.size(), "users.bin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String failure(Path input, RatingReadOptions options) {
        return assertThrows(BadInputException.class, () -> reader.read(input.toString(), options)).getMessage();
    }

    private static String uri(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    @Test
    void autoReadsIdsThatFitAnIntAsIntsWithNoDictionary() {
        Path file = write(dir, "ratings.dat", lines("1::10::3.5", "-2147483648::2147483647::4"));
        RatingData data = reader.read(file.toString(), options(RatingFormat.MOVIELENS, IdChoice.AUTO));
        assertEquals(IdKind.INT, data.ids().kind());
        assertEquals(List.of("-2147483648,2147483647,4.0", "1,10,3.5"), RatingReaderTextTest.rows(data).stream()
                .map(r -> r.substring(0, r.lastIndexOf(','))).sorted().toList());
        assertThrows(IllegalStateException.class, () -> data.ids().userTexts());
    }

    @Test
    void autoReadsIdsBeyondAnIntAs64BitIdsMappedInSignedOrder() {
        Path file = write(dir, "ratings.dat", lines("3000000000::7::4", "-5::7::3", "12::9223372036854775807::5"));
        RatingData data = reader.read(file.toString(), options(RatingFormat.MOVIELENS, IdChoice.AUTO));
        assertEquals(IdKind.LONG, data.ids().kind());
        assertEquals(List.of("-5", "12", "3000000000"), list(data.ids().userTexts()));
        assertEquals(List.of("-5,7,3.0", "12,9223372036854775807,5.0", "3000000000,7,4.0"), byId(data));
        assertEquals(3, data.users());
        assertEquals(2, data.items());
        IdDictionary users = users(data);
        assertEquals(3, users.size());
        assertEquals(3_000_000_000L, users.longAt(2));
    }

    @Test
    void autoReadsIdsThatAreNotNumbersAsStringsInDelimitedInput() {
        Path file = write(dir, "u.data", "u2\titem-b\t4\t978300760\nu10\titem-a\t3\t978300761\n");
        RatingData data = reader.read(file.toString(), options(RatingFormat.AUTO, IdChoice.AUTO));
        assertEquals(RatingFormat.DELIMITED, data.format());
        assertEquals(IdKind.STRING, data.ids().kind());
        assertEquals(List.of("u10", "u2"), list(data.ids().userTexts())); // byte order: '1' < '2'
        assertEquals(List.of("u10,item-a,3.0", "u2,item-b,4.0"), byId(data));
        assertTrue(data.hasTimestamps());
    }

    @Test
    void stringIdsOfCsvAreOrderedByTheirUtf8Bytes() {
        Path file = write(dir, "r.csv", lines("userId,movieId,rating", "zoë,x,1", "Zoe,x,2", "émile,\"a,b\",3", "42,x,4"));
        RatingData data = reader.read(file.toString(), options(RatingFormat.CSV, IdChoice.STRING));
        assertEquals(List.of("42", "Zoe", "zoë", "émile"), list(data.ids().userTexts()));
        assertEquals(List.of("42,x,4.0", "Zoe,x,2.0", "zoë,x,1.0", "émile,a,b,3.0"), byId(data));
        assertEquals("émile", users(data).stringAt(3));
    }

    @Test
    void aStringIdOf257BytesIsABadLineNamingFileLineFieldLengthAndLimit() {
        String longest = "é".repeat(128); // 256 bytes of UTF-8
        String tooLong = "x" + longest;
        Path file = write(dir, "ratings.dat", lines("a::" + longest + "::1", "b::" + tooLong + "::2"));
        String message = failure(file, options(RatingFormat.MOVIELENS, IdChoice.STRING));
        assertTrue(message.startsWith(uri(file) + ":2: field item: item id 'xééé"), message);
        assertTrue(message.contains(" is 257 bytes of UTF-8, longer than the limit of 256 bytes"), message);
        RatingData kept = reader.read(file.toString(), TestFiles.options(RatingFormat.MOVIELENS, 1, Optional.empty())
                .withIds(IdChoice.STRING));
        assertEquals(1, kept.badLines());
        assertEquals(List.of("a," + longest + ",1.0"), byId(kept));
    }

    @Test
    void a64BitIdBeyondALongIsABadLineNamingTheField() {
        Path file = write(dir, "ratings.dat", lines("1::2::3", "4::99999999999999999999::5"));
        assertEquals(uri(file) + ":2: field item: item id 99999999999999999999 does not fit in a 64-bit long; "
                + "--ids string reads ids of any form (docs/input-formats.md): '4::99999999999999999999::5'",
                failure(file, options(RatingFormat.MOVIELENS, IdChoice.LONG)));
    }

    @Test
    void afterAutoChoseIntsALaterIdThatIsNotAnIntSaysWhatToDo() {
        String[] ratings = new String[IdKindDetector.SAMPLE_LINES + 1];
        for (int i = 0; i < IdKindDetector.SAMPLE_LINES; i++) {
            ratings[i] = i + "\t" + (i % 7) + "\t3";
        }
        ratings[IdKindDetector.SAMPLE_LINES] = "5000000000\t1\t3";
        Path file = write(dir, "u.data", lines(ratings));
        assertEquals(uri(file) + ":1001: field user: user id 5000000000 does not fit in a 32-bit int; --ids long reads "
                + "64-bit ids, --ids string ids of any form (docs/input-formats.md): '5000000000\\t1\\t3'",
                failure(file, options(RatingFormat.DELIMITED, IdChoice.AUTO)));
        assertEquals(IdKind.LONG, reader.read(file.toString(), options(RatingFormat.DELIMITED, IdChoice.LONG)).ids().kind());
    }

    @Test
    void underAutoAStrayMalformedIdAmongIntegersIsABadLineButManyMakeStringIds() {
        String[] ratings = new String[200];
        for (int i = 0; i < ratings.length; i++) {
            ratings[i] = (i + 1) + "::" + (i % 9 + 1) + "::4";
        }
        ratings[57] = "58::x::4";
        Path stray = write(dir, "stray.dat", lines(ratings));
        assertEquals(uri(stray) + ":58: field item: 'x' is not an integer; --ids string reads ids that are not "
                + "integers: '58::x::4'", failure(stray, options(RatingFormat.MOVIELENS, IdChoice.AUTO)));
        ratings[90] = "91::y::4";
        ratings[120] = "121::z::4";
        Path many = write(dir, "many.dat", lines(ratings));
        RatingData data = reader.read(many.toString(), options(RatingFormat.MOVIELENS, IdChoice.AUTO));
        assertEquals(IdKind.STRING, data.ids().kind(), "3 of 200 items (1.5%) are not integers: a string catalogue");
        assertTrue(list(data.ids().itemTexts()).containsAll(List.of("x", "y", "z", "1")));
    }

    @Test
    void withLongIdsATokenThatIsNotANumberSaysToReadStrings() {
        Path file = write(dir, "ratings.dat", lines("1::2::3", "u4::2::5"));
        assertEquals(uri(file) + ":2: field user: 'u4' is not an integer; --ids string reads ids that are not integers: "
                + "'u4::2::5'", failure(file, options(RatingFormat.MOVIELENS, IdChoice.LONG)));
    }

    @Test
    void askedStringIdsReadNumbersAsText() {
        Path file = write(dir, "ratings.dat", lines("007::1::3", "7::1::4"));
        RatingData data = reader.read(file.toString(), options(RatingFormat.MOVIELENS, IdChoice.STRING));
        assertEquals(List.of("007", "7"), list(data.ids().userTexts()));
        assertEquals(2, data.users());
    }

    private static StructType schema(DataType user, DataType item) {
        return new StructType().add("userId", user).add("movieId", item).add("rating", DataTypes.FloatType);
    }

    private Path parquet(StructType schema, List<Row> rows) {
        Path out = dir.resolve("in");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void autoReadsAParquetLongColumnAs64BitIds() {
        Path file = parquet(schema(DataTypes.LongType, DataTypes.IntegerType),
                List.of(RowFactory.create(4_000_000_000L, 1, 2f), RowFactory.create(1L, 2, 3f)));
        RatingData data = reader.read(file.toString(), options(RatingFormat.PARQUET, IdChoice.AUTO));
        assertEquals(IdKind.LONG, data.ids().kind());
        assertEquals(List.of("1,2,3.0", "4000000000,1,2.0"), byId(data));
    }

    @Test
    void autoReadsAParquetStringColumnAsStringIdsAndAnIntColumnBesideItAsText() {
        Path file = parquet(schema(DataTypes.StringType, DataTypes.IntegerType),
                List.of(RowFactory.create("alice", 10, 2f), RowFactory.create("bob", 9, 3f)));
        RatingData data = reader.read(file.toString(), options(RatingFormat.PARQUET, IdChoice.AUTO));
        assertEquals(IdKind.STRING, data.ids().kind());
        assertEquals(List.of("10", "9"), list(data.ids().itemTexts()));
        assertEquals(List.of("alice,10,2.0", "bob,9,3.0"), byId(data));
    }

    @Test
    void aParquetStringColumnReadAsIntIdsIsATypeError() {
        Path file = parquet(schema(DataTypes.StringType, DataTypes.IntegerType), List.of(RowFactory.create("a", 1, 2f)));
        assertEquals("file:" + file + ": column 'userId' has type string; user ids must be integers (int, or long values "
                + "that fit an int); --ids string reads string ids", failure(file, options(RatingFormat.PARQUET, IdChoice.INT)));
        assertTrue(failure(file, options(RatingFormat.PARQUET, IdChoice.LONG)).endsWith(
                "user ids must be integers with --ids long; --ids string reads string ids"));
    }

    @Test
    void anEmptyParquetStringIdIsABadRow() {
        Path file = parquet(schema(DataTypes.StringType, DataTypes.IntegerType),
                List.of(RowFactory.create("a", 1, 2f), RowFactory.create("", 1, 2f)));
        assertEquals("file:" + file + ":2: field user: column 'userId': empty: 'userId=, movieId=1, rating=2.0, "
                + "timestamp=null'", failure(file, options(RatingFormat.PARQUET, IdChoice.AUTO)));
    }
}
