package io.freshet.data;

import static io.freshet.data.TestFiles.lines;
import static io.freshet.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Reading well-formed text input: values, optional timestamps, line ends, directories, detection. */
class RatingReaderTextTest extends ReaderTest {
    static RatingReadOptions format(RatingFormat format) {
        RatingReadOptions d = RatingReadOptions.defaults();
        return new RatingReadOptions(format, d.userCol(), d.itemCol(), d.ratingCol(), d.timeCol(), 0, Optional.empty());
    }

    /** The ratings as "user,item,rating,timestamp" sorted by user and item. */
    static List<String> rows(RatingData data) {
        return data.ratings().orderBy("user", "item").collectAsList().stream()
                .map(RatingReaderTextTest::show).toList();
    }

    private static String show(Row row) {
        return row.getInt(0) + "," + row.getInt(1) + "," + row.getFloat(2) + "," + (row.isNullAt(3) ? "-" : row.getLong(3));
    }

    @Test
    void movieLensValuesWithHalfStarsAndTimestampsAreRead() {
        Path file = write(dir, "ratings.dat", lines("1::10::3.5::978300760", "1::20::5::978300761", "2::10::0.5::978300762"));
        RatingData data = reader.read(file.toString(), format(RatingFormat.MOVIELENS));
        assertEquals(List.of("1,10,3.5,978300760", "1,20,5.0,978300761", "2,10,0.5,978300762"), rows(data));
        assertEquals(3, data.rows());
        assertEquals(2, data.users());
        assertEquals(2, data.items());
        assertEquals(0, data.badLines());
        assertTrue(data.hasTimestamps());
        assertEquals(RatingFormat.MOVIELENS, data.format());
    }

    @Test
    void outputColumnsAreIntIntFloatAndNullableLong() {
        Path file = write(dir, "ratings.dat", lines("1::10::3.5"));
        RatingData data = reader.read(file.toString(), format(RatingFormat.MOVIELENS));
        assertEquals(List.of("user", "item", "rating", "timestamp"), List.of(data.ratings().columns()));
        assertEquals(DataTypes.IntegerType, data.ratings().schema().apply("user").dataType());
        assertEquals(DataTypes.IntegerType, data.ratings().schema().apply("item").dataType());
        assertEquals(DataTypes.FloatType, data.ratings().schema().apply("rating").dataType());
        assertEquals(DataTypes.LongType, data.ratings().schema().apply("timestamp").dataType());
        assertTrue(data.ratings().schema().apply("timestamp").nullable());
    }

    @Test
    void theResultIsCached() {
        Path file = write(dir, "ratings.dat", lines("1::10::3.5"));
        RatingData data = reader.read(file.toString(), format(RatingFormat.MOVIELENS));
        assertTrue(data.ratings().storageLevel().useMemory());
    }

    @Test
    void movieLensTimestampIsOptionalPerLine() {
        Path file = write(dir, "ratings.dat", lines("1::10::4", "2::10::3::978300760"));
        RatingData data = reader.read(file.toString(), format(RatingFormat.MOVIELENS));
        assertEquals(List.of("1,10,4.0,-", "2,10,3.0,978300760"), rows(data));
        assertFalse(data.hasTimestamps());
    }

    @Test
    void delimitedReadsTabsSpacesAndCrlf() {
        Path file = write(dir, "u.data", "196\t242\t3\t881250949\r\n186 302  3.5   891717742\r\n  22\t377\t1\r\n\r\n");
        RatingData data = reader.read(file.toString(), format(RatingFormat.DELIMITED));
        assertEquals(List.of("22,377,1.0,-", "186,302,3.5,891717742", "196,242,3.0,881250949"), rows(data));
    }

    @Test
    void csvFindsColumnsByNameInAnyOrderAndIgnoresOthers() {
        Path file = write(dir, "ratings.csv", lines("timestamp,rating,title,movieId,userId",
                "964982703,4.0,\"Toy Story, 1995\",1,1", "964981247,3.5,x,3,1"));
        RatingData data = reader.read(file.toString(), format(RatingFormat.CSV));
        assertEquals(List.of("1,1,4.0,964982703", "1,3,3.5,964981247"), rows(data));
        assertTrue(data.hasTimestamps());
    }

    @Test
    void csvColumnNamesComeFromTheOptions() {
        Path file = write(dir, "ratings.csv", lines("u,i,score", "7,8,2.5"));
        RatingReadOptions options = new RatingReadOptions(RatingFormat.CSV, "u", "i", "score", "when", 0, Optional.empty());
        RatingData data = reader.read(file.toString(), options);
        assertEquals(List.of("7,8,2.5,-"), rows(data));
        assertFalse(data.hasTimestamps());
    }

    @Test
    void csvWithCrlfAndQuotedNumbersIsRead() {
        Path file = write(dir, "ratings.csv", "userId,movieId,rating,timestamp\r\n\"1\",\"2\",\"3.5\",\"10\"\r\n4,5,1,\r\n");
        RatingData data = reader.read(file.toString(), format(RatingFormat.CSV));
        assertEquals(List.of("1,2,3.5,10", "4,5,1.0,-"), rows(data));
    }

    @Test
    void aDirectoryOfSeveralFilesIsReadWhole() {
        write(dir, "in/part-00000", lines("1::10::1"));
        write(dir, "in/part-00001", lines("2::20::2", "3::30::3"));
        write(dir, "in/2024/part-00002", lines("4::40::4"));
        RatingData data = reader.read(dir.resolve("in").toString(), format(RatingFormat.MOVIELENS));
        assertEquals(List.of("1,10,1.0,-", "2,20,2.0,-", "3,30,3.0,-", "4,40,4.0,-"), rows(data));
        assertEquals(3, data.files().size());
    }

    @Test
    void hiddenFilesAndFoldersInADirectoryAreSkipped() {
        write(dir, "in/part-00000", lines("1::10::1"));
        write(dir, "in/_SUCCESS", "");
        write(dir, "in/.part-00000.swp", "garbage that is not a rating");
        write(dir, "in/_temporary/part-00001", lines("not a rating either"));
        RatingData data = reader.read(dir.resolve("in").toString(), format(RatingFormat.MOVIELENS));
        assertEquals(List.of("1,10,1.0,-"), rows(data));
        assertEquals(1, data.files().size());
        assertTrue(data.files().get(0).endsWith("/in/part-00000"), data.files().toString());
    }

    @Test
    void aCsvDirectoryChecksTheHeaderOfEachFile() {
        write(dir, "in/a.csv", lines("userId,movieId,rating", "1,2,3"));
        write(dir, "in/b.csv", lines("rating,movieId,userId", "4,5,6"));
        RatingData data = reader.read(dir.resolve("in").toString(), format(RatingFormat.CSV));
        assertEquals(List.of("1,2,3.0,-", "6,5,4.0,-"), rows(data));
    }

    @Test
    void autoDetectsMovieLens() {
        Path file = write(dir, "ratings.dat", lines("1::10::3.5::978300760"));
        assertEquals(RatingFormat.MOVIELENS, reader.read(file.toString(), RatingReadOptions.defaults()).format());
    }

    @Test
    void autoDetectsDelimited() {
        Path file = write(dir, "u.data", lines("196\t242\t3\t881250949"));
        RatingData data = reader.read(file.toString(), RatingReadOptions.defaults());
        assertEquals(RatingFormat.DELIMITED, data.format());
        assertEquals(List.of("196,242,3.0,881250949"), rows(data));
    }

    @Test
    void autoDetectsCsv() {
        Path file = write(dir, "ratings.csv", lines("userId,movieId,rating,timestamp", "1,1,4.0,964982703"));
        RatingData data = reader.read(file.toString(), RatingReadOptions.defaults());
        assertEquals(RatingFormat.CSV, data.format());
        assertEquals(List.of("1,1,4.0,964982703"), rows(data));
    }

    @Test
    void aGzipFileIsDetectedAndRead() throws Exception {
        Path file = dir.resolve("ratings.dat.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(lines("1::10::3.5", "2::20::4").getBytes(StandardCharsets.UTF_8));
        }
        RatingData data = reader.read(file.toString(), RatingReadOptions.defaults());
        assertEquals(List.of("1,10,3.5,-", "2,20,4.0,-"), rows(data));
    }

    @Test
    void fingerprintIsStableAndChangesWithTheInput() throws Exception {
        Path file = write(dir, "ratings.dat", lines("1::10::3.5"));
        String first = reader.read(file.toString(), RatingReadOptions.defaults()).fingerprint();
        assertEquals(first, reader.read(file.toString(), RatingReadOptions.defaults()).fingerprint());
        Files.writeString(file, lines("1::10::3.5", "2::10::3.5"));
        assertNotEquals(first, reader.read(file.toString(), RatingReadOptions.defaults()).fingerprint());
        assertTrue(first.matches("[0-9a-f]{64}"), first);
    }

    @Test
    void generatedRatingsAreReadWithAutoDetection() {
        SyntheticRatings.Spec spec = new SyntheticRatings.Spec(300, 200, 6_000, 4, 7);
        String file = dir.resolve("synthetic.dat").toString();
        SyntheticRatings.write(spec, file, spark.sparkContext().hadoopConfiguration());
        RatingData data = reader.read(file, RatingReadOptions.defaults());
        assertEquals(RatingFormat.MOVIELENS, data.format());
        assertEquals(6_000, data.rows());
        assertEquals(300, data.users());
        assertTrue(data.items() > 100 && data.items() <= 200, "items " + data.items());
        assertTrue(data.hasTimestamps());
        assertEquals(6_000, data.ratings().select("user", "item").distinct().count());
    }
}
