package io.freshet.data;

import static io.freshet.data.TestFiles.lines;
import static io.freshet.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.BadInputException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection from the first non-empty file, on the local file system. */
class FormatDetectorTest {
    private final Configuration conf = new Configuration();

    @TempDir
    Path dir;

    private RatingFormat detect(Path input) {
        return FormatDetector.detect(InputFiles.list(input.toString(), conf), conf);
    }

    @Test
    void doubleColonsMeanMovieLens() {
        assertEquals(RatingFormat.MOVIELENS, detect(write(dir, "r", lines("1::2::3"))));
    }

    @Test
    void numbersSeparatedByBlanksMeanDelimited() {
        assertEquals(RatingFormat.DELIMITED, detect(write(dir, "r", "1 2 3.5 4\r\n")));
        assertEquals(RatingFormat.DELIMITED, detect(write(dir, "s", "1\t2\t3\n")));
    }

    @Test
    void aCommaAndANonNumericFirstFieldMeanCsv() {
        assertEquals(RatingFormat.CSV, detect(write(dir, "r", lines("userId,movieId,rating"))));
        assertEquals(RatingFormat.CSV, detect(write(dir, "s", "\uFEFF\"user\",\"item\",\"rating\"\n")));
    }

    @Test
    void aParquetNameMeansParquet() {
        assertEquals(RatingFormat.PARQUET, detect(write(dir, "part-0.PARQUET", "anything")));
    }

    @Test
    void theParquetMagicMeansParquet() {
        assertEquals(RatingFormat.PARQUET, detect(write(dir, "ratings", "PAR1\u0000\u0001")));
    }

    @Test
    void theFirstNonEmptyFileDecides() {
        write(dir, "in/a", "");
        write(dir, "in/b", lines("1::2::3"));
        write(dir, "in/c", lines("1,2,3"));
        assertEquals(RatingFormat.MOVIELENS, detect(dir.resolve("in")));
    }

    @Test
    void aCompressedFileIsDetectedFromItsDecompressedFirstLine() throws Exception {
        Path file = dir.resolve("ratings.dat.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(lines("1::2::3").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(RatingFormat.MOVIELENS, detect(file));
    }

    @Test
    void anythingElseIsBadInputShowingTheFirstLine() {
        for (String line : List.of("1,2,3", "1 2", "a b c", "1|2|3")) {
            Path file = write(dir, "r", lines(line));
            BadInputException e = assertThrows(BadInputException.class, () -> detect(file));
            assertTrue(e.getMessage().startsWith("cannot detect the format of file:" + file + ": first line '" + line + "'"),
                    e.getMessage());
        }
    }
}
