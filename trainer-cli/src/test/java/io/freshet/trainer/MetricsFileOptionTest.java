package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --metrics-file whose directory cannot take the file is a usage error before anything runs. */
class MetricsFileOptionTest {
    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryIsAUsageErrorNamingIt() {
        Path missing = dir.resolve("no-such-dir");
        CliRun r = CliRun.trainer("fit", "--store", dir.resolve("store").toString(), "--input",
                dir.resolve("ratings.dat").toString(), "--metrics-file", missing.resolve("t.prom").toString());
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--metrics-file " + missing.resolve("t.prom") + ": directory " + missing
                + " does not exist"), r.err());
        assertFalse(Files.exists(dir.resolve("store")), "nothing ran");
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsAUsageError() throws Exception {
        Path target = Files.createDirectories(dir.resolve("t.prom"));
        CliRun r = CliRun.trainer("fit", "--store", dir.resolve("store").toString(), "--input",
                dir.resolve("ratings.dat").toString(), "--metrics-file", target.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--metrics-file " + target + " is a directory"), r.err());
    }
}
