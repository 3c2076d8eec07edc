package io.freshet.data;

import static io.freshet.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.freshet.BadInputException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing input files and fingerprinting them. */
class InputFilesTest {
    private final Configuration conf = new Configuration();

    @TempDir
    Path dir;

    private List<String> names(Path input) {
        return InputFiles.list(input.toString(), conf).stream()
                .map(f -> f.path().substring(("file:" + input).length())).toList();
    }

    @Test
    void aFileIsItself() {
        Path file = write(dir, "_hidden-but-named", "x");
        List<InputFile> files = InputFiles.list(file.toString(), conf);
        assertEquals(List.of("file:" + file), files.stream().map(InputFile::path).toList());
        assertEquals(1, files.get(0).length());
    }

    @Test
    void aDirectoryIsListedRecursivelySortedWithoutHiddenNames() {
        write(dir, "b", "x");
        write(dir, "a/2", "x");
        write(dir, "a/1", "x");
        write(dir, "_SUCCESS", "");
        write(dir, ".b.crc", "x");
        write(dir, "_temporary/0/c", "x");
        write(dir, ".staging/d", "x");
        assertEquals(List.of("/a/1", "/a/2", "/b"), names(dir));
    }

    @Test
    void aMissingPathIsBadInput() {
        assertThrows(BadInputException.class, () -> InputFiles.list(dir.resolve("missing").toString(), conf));
    }

    @Test
    void theFingerprintDependsOnPathLengthAndTime() {
        InputFile file = new InputFile("file:/a", 10, 1000);
        String fingerprint = InputFiles.fingerprint(List.of(file));
        assertEquals(fingerprint, InputFiles.fingerprint(List.of(new InputFile("file:/a", 10, 1000))));
        assertNotEquals(fingerprint, InputFiles.fingerprint(List.of(new InputFile("file:/b", 10, 1000))));
        assertNotEquals(fingerprint, InputFiles.fingerprint(List.of(new InputFile("file:/a", 11, 1000))));
        assertNotEquals(fingerprint, InputFiles.fingerprint(List.of(new InputFile("file:/a", 10, 1001))));
    }

    @Test
    void theFingerprintIgnoresListingOrder() {
        InputFile a = new InputFile("file:/a", 1, 1);
        InputFile b = new InputFile("file:/b", 2, 2);
        assertEquals(InputFiles.fingerprint(List.of(a, b)), InputFiles.fingerprint(List.of(b, a)));
    }
}
