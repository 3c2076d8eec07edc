package io.freshet.data;

import static io.freshet.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.BadInputException;
import io.freshet.testing.LocalSparkExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.junit.jupiter.api.Test;

/**
 * Line numbers stay right when a file is read in many splits: 4 KiB splits here, so a file of a few
 * thousand lines spreads over many partitions.
 */
@LocalSparkExtension.Settings("spark.hadoop.mapreduce.input.fileinputformat.split.maxsize=4096")
class RatingReaderSplitsTest extends ReaderTest {
    private static final int LINES = 3_000;
    private static final Set<Integer> BAD = Set.of(2, 1_023, 1_024, 1_777, 2_999);

    /** Lines 1..LINES from {@code line}, with a bad rating on the lines in BAD and a blank line every 100. */
    private Path file(String name, String lineEnd, IntFunction<String> line) {
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= LINES; n++) {
            text.append(n % 100 == 50 ? "" : line.apply(n)).append(lineEnd);
        }
        Path file = write(dir, name, text.toString());
        long partitions = spark.sparkContext().newAPIHadoopFile(file.toString(), TextInputFormat.class, LongWritable.class,
                Text.class, spark.sparkContext().hadoopConfiguration()).getNumPartitions();
        assertTrue(partitions >= 5, "the test file should span many splits, got " + partitions);
        return file;
    }

    private static String rating(int n) {
        return BAD.contains(n) ? "bad" : Integer.toString(1 + n % 5);
    }

    private static long goodLines(boolean header) {
        return LINES - BAD.size() - LINES / 100 - (header ? 1 : 0);
    }

    /** Reads with every bad line tolerated and returns the line numbers the rejects file gives. */
    private List<Long> rejectedLines(Path file, RatingFormat format, boolean header) throws Exception {
        Path rejects = dir.resolve(format + ".rejects");
        RatingData data = reader.read(file.toString(), TestFiles.options(format, BAD.size(), Optional.of(rejects.toString())));
        assertEquals(goodLines(header), data.rows());
        assertEquals(BAD.size(), data.badLines());
        String prefix = "file:" + file.toAbsolutePath() + ":";
        return Files.readAllLines(rejects, StandardCharsets.UTF_8).stream()
                .peek(line -> assertTrue(line.startsWith(prefix) && line.contains(": field rating: 'bad' is not a number\t"), line))
                .map(line -> Long.parseLong(line.substring(prefix.length(), line.indexOf(':', prefix.length()))))
                .toList();
    }

    @Test
    void movieLensBadLinesAreNumberedRightAcrossSplits() throws Exception {
        Path file = file("ratings.dat", "\n", n -> n + "::" + (n % 7) + "::" + rating(n) + "::97830" + n);
        assertEquals(List.of(2L, 1_023L, 1_024L, 1_777L, 2_999L), rejectedLines(file, RatingFormat.MOVIELENS, false));
    }

    @Test
    void delimitedCrlfBadLinesAreNumberedRightAcrossSplits() throws Exception {
        Path file = file("u.data", "\r\n", n -> n + "\t" + (n % 7) + "\t" + rating(n) + "\t97830" + n);
        assertEquals(List.of(2L, 1_023L, 1_024L, 1_777L, 2_999L), rejectedLines(file, RatingFormat.DELIMITED, false));
    }

    @Test
    void csvBadLinesAreNumberedRightAcrossSplits() throws Exception {
        Path file = file("ratings.csv", "\n", n -> n == 1 ? "userId,movieId,rating,timestamp"
                : n + "," + (n % 7) + "," + rating(n) + ",97830" + n);
        assertEquals(List.of(2L, 1_023L, 1_024L, 1_777L, 2_999L), rejectedLines(file, RatingFormat.CSV, true));
    }

    @Test
    void aSingleBadLineDeepInTheFileFailsWithItsLineNumber() {
        Path file = file("deep.dat", "\n", n -> n + "::1::" + (n == 2_345 ? "4.5.6" : "4"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> reader.read(file.toString(), TestFiles.options(RatingFormat.MOVIELENS, 0, Optional.empty())));
        assertEquals("file:" + file.toAbsolutePath() + ":2345: field rating: '4.5.6' is not a number: '2345::1::4.5.6'",
                e.getMessage());
    }
}
