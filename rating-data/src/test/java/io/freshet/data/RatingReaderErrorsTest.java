package io.freshet.data;

import static io.freshet.data.TestFiles.lines;
import static io.freshet.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Malformed, empty and undetectable text input: what is refused, what is tolerated, and what the messages say. */
class RatingReaderErrorsTest extends ReaderTest {
    private String failure(Path input, RatingFormat format) {
        return assertThrows(BadInputException.class, () -> reader.read(input.toString(), TestFiles.options(format, 0, Optional.empty())))
                .getMessage();
    }

    private static String uri(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    @Test
    void movieLensBadRatingNamesFileLineAndField() {
        Path file = write(dir, "ratings.dat", lines("1::10::3.5", "2::10::4", "3::10::x::5"));
        assertEquals(uri(file) + ":3: field rating: 'x' is not a number: '3::10::x::5'", failure(file, RatingFormat.MOVIELENS));
    }

    @Test
    void movieLensWrongFieldCountIsALineError() {
        Path file = write(dir, "ratings.dat", lines("1::10::3.5", "2::10"));
        assertEquals(uri(file) + ":2: field line: expected 3 or 4 fields user::item::rating[::timestamp], found 2: '2::10'",
                failure(file, RatingFormat.MOVIELENS));
    }

    @Test
    void delimitedBadItemNamesFileLineAndField() {
        Path file = write(dir, "u.data", "1\t10\t3\r\n\r\n2\t1x\t4\r\n");
        assertEquals(uri(file) + ":3: field item: '1x' is not an integer; --ids string reads ids that are not integers: '2\\t1x\\t4'", failure(file, RatingFormat.DELIMITED));
    }

    @Test
    void delimitedTooManyFieldsIsALineError() {
        Path file = write(dir, "u.data", lines("1 10 3 5 9"));
        String message = failure(file, RatingFormat.DELIMITED);
        assertTrue(message.startsWith(uri(file) + ":1: field line: expected 3 or 4 tab- or space-separated fields"), message);
    }

    @Test
    void csvBadTimestampCountsTheHeaderAsLineOne() {
        Path file = write(dir, "ratings.csv", lines("userId,movieId,rating,timestamp", "1,2,3,4", "1,3,3,soon"));
        assertEquals(uri(file) + ":3: field timestamp: 'soon' is not an integer: '1,3,3,soon'", failure(file, RatingFormat.CSV));
    }

    @Test
    void csvLineWithFewerFieldsThanTheHeaderIsALineError() {
        Path file = write(dir, "ratings.csv", lines("userId,movieId,rating", "1,2"));
        assertEquals(uri(file) + ":2: field line: expected 3 comma-separated fields as in the header 'userId,movieId,rating', "
                + "found 2: '1,2'", failure(file, RatingFormat.CSV));
    }

    @Test
    void csvHeaderWithoutARequiredColumnNamesFileColumnAndHeader() {
        Path file = write(dir, "ratings.csv", lines("user,movieId,rating", "1,2,3"));
        String message = failure(file, RatingFormat.CSV);
        assertTrue(message.startsWith(uri(file) + ":1: CSV header has no user id column 'userId'; header found: "
                + "'user,movieId,rating'"), message);
    }

    @Test
    void theFirstBadLineIsReportedWhenThereAreSeveral() {
        write(dir, "in/a.dat", lines("1::1::1", "1::2::2"));
        Path second = write(dir, "in/b.dat", lines("1::3::3", "1::4::bad", "1::x::5"));
        write(dir, "in/c.dat", lines("bad"));
        assertTrue(failure(dir.resolve("in"), RatingFormat.MOVIELENS).startsWith(uri(second) + ":2: field rating:"));
    }

    @Test
    void anIdAboveTheIntRangeSaysThatIdsMustBeInts() {
        Path file = write(dir, "ratings.dat", lines("3000000000::10::3.5"));
        assertEquals(uri(file) + ":1: field user: user id 3000000000 does not fit in a 32-bit int; --ids long reads "
                + "64-bit ids, --ids string ids of any form (docs/input-formats.md): '3000000000::10::3.5'", failure(file, RatingFormat.MOVIELENS));
    }

    @Test
    void anItemIdBeyondEvenALongIsAnIntRangeError() {
        Path file = write(dir, "ratings.dat", lines("1::99999999999999999999::3.5"));
        assertTrue(failure(file, RatingFormat.MOVIELENS).contains(
                ":1: field item: item id 99999999999999999999 does not fit in a 32-bit int"));
    }

    @Test
    void aNonFiniteRatingIsRefused() {
        Path file = write(dir, "ratings.dat", lines("1::2::NaN"));
        assertEquals(uri(file) + ":1: field rating: 'NaN' is not a finite number: '1::2::NaN'", failure(file, RatingFormat.MOVIELENS));
    }

    @Test
    void badLinesUpToTheLimitAreToleratedCountedAndWrittenWithReasons() throws Exception {
        Path file = write(dir, "ratings.dat", lines("1::1::1", "x::1::1", "2::2::2", "3::3", "4::4::4"));
        Path rejects = dir.resolve("out/rejects.txt");
        RatingData data = reader.read(file.toString(), TestFiles.options(RatingFormat.MOVIELENS, 2, Optional.of(rejects.toString())));
        assertEquals(3, data.rows());
        assertEquals(2, data.badLines());
        assertEquals(List.of(
                uri(file) + ":2: field user: 'x' is not an integer; --ids string reads ids that are not integers\tx::1::1",
                uri(file) + ":4: field line: expected 3 or 4 fields user::item::rating[::timestamp], found 2\t3::3"),
                Files.readAllLines(rejects, StandardCharsets.UTF_8));
    }

    @Test
    void aCleanReadLeavesAnEmptyRejectsFile() throws Exception {
        Path file = write(dir, "ratings.dat", lines("1::1::1"));
        Path rejects = write(dir, "rejects.txt", "stale\n");
        RatingData data = reader.read(file.toString(), TestFiles.options(RatingFormat.MOVIELENS, 5, Optional.of(rejects.toString())));
        assertEquals(0, data.badLines());
        assertEquals(0, Files.size(rejects));
    }

    @Test
    void moreBadLinesThanAllowedFailsWithTheCountAndTheFirst() {
        Path file = write(dir, "ratings.dat", lines("1::1::1", "x::1::1", "2::y::2", "3::3::z"));
        Path rejects = dir.resolve("rejects.txt");
        BadInputException e = assertThrows(BadInputException.class, () -> reader.read(file.toString(),
                TestFiles.options(RatingFormat.MOVIELENS, 2, Optional.of(rejects.toString()))));
        assertEquals("found 3 bad lines, more than the 2 allowed (max bad lines); the first: " + uri(file)
                + ":2: field user: 'x' is not an integer; --ids string reads ids that are not integers: 'x::1::1'", e.getMessage());
        assertFalse(Files.exists(rejects));
    }

    @Test
    void aMissingPathIsBadInput() {
        String message = failure(dir.resolve("nothing-here"), RatingFormat.AUTO);
        assertTrue(message.contains("nothing-here") && message.contains("does not exist"), message);
    }

    @Test
    void aDirectoryWithOnlyHiddenFilesIsEmptyInput() {
        write(dir, "in/_SUCCESS", "");
        String message = failure(dir.resolve("in"), RatingFormat.AUTO);
        assertTrue(message.startsWith("no input files in " + uri(dir.resolve("in"))), message);
    }

    @Test
    void emptyFilesAreEmptyInput() {
        write(dir, "in/part-0", "");
        write(dir, "in/part-1", "");
        assertEquals("no ratings in " + dir.resolve("in") + ": every input file is empty",
                failure(dir.resolve("in"), RatingFormat.AUTO));
    }

    @Test
    void aCsvWithOnlyItsHeaderIsEmptyInput() {
        Path file = write(dir, "ratings.csv", lines("userId,movieId,rating"));
        assertEquals("no ratings in " + file + ": the input holds no rating lines", failure(file, RatingFormat.AUTO));
    }

    @Test
    void anUndetectableFormatShowsTheFirstLineAndTheFormats() {
        Path file = write(dir, "ratings.txt", lines("1;2;3.5"));
        String message = failure(file, RatingFormat.AUTO);
        assertTrue(message.startsWith("cannot detect the format of " + uri(file) + ": first line '1;2;3.5'"), message);
        assertTrue(message.contains("--format movielens|delimited|csv|parquet"), message);
    }

    @Test
    void aHeaderlessCsvIsNotDetected() {
        Path file = write(dir, "ratings.csv", lines("1,2,3.5"));
        assertTrue(failure(file, RatingFormat.AUTO).startsWith("cannot detect the format of "));
    }
}
