package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.cli.ExitCode;
import io.freshet.cli.JsonLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/trainer with JSON logs: stderr holds one JSON object a line, warnings and the error included. */
class TrainerJsonLogsIT {
    static final String TRAINER = Scripts.root().resolve("bin/trainer").toString();

    @TempDir
    static Path dir;
    static Path ratings;

    @BeforeAll
    static void generate() throws Exception {
        Path clean = dir.resolve("clean.dat");
        assertEquals(0, CliRun.trainer("generate", "--users", "200", "--items", "80", "--ratings", "3000", "--out",
                clean.toString()).code());
        ratings = dir.resolve("ratings.dat");
        Files.writeString(ratings, Files.readString(clean) + "not a rating\n7::8::x\n");
    }

    @Test
    void aRefusedFitWithToleratedBadLinesLogsWarningsAndTheErrorAsJsonLines() throws Exception {
        Scripts.Result r = Scripts.run(Map.of(), TRAINER, "fit", "--store", dir.resolve("store").toString(), "--input",
                ratings.toString(), "--rank", "3", "--iterations", "2", "--master", "local[1]", "--max-bad-lines", "5",
                "--min-lift", "1000", "--verbose", "--log-format", "json");
        assertEquals(ExitCode.GATE_REFUSED, r.code(), r.toString());
        JsonLogs logs = JsonLogs.read(r.err());
        assertEquals(List.of(), logs.others(), "nothing on stderr but log events");
        logs.find("INFO", m -> m.startsWith("read 3000 ratings"));
        logs.find("WARN", m -> m.contains("tolerated 2 bad lines"));
        logs.find("WARN", m -> m.startsWith("quality gate: refused"));
        JsonNode error = logs.find("ERROR", m -> m.startsWith("quality gate refused version ")).get(0);
        assertEquals(FitCommand.class.getName(), error.get("logger").asText());
        assertEquals("main", error.get("thread").asText());
        assertTrue(error.get("exception").asText().startsWith("io.freshet.store.GateRefusedException: quality gate "
                + "refused version ") && error.get("exception").asText().contains("\n\tat io.freshet."), error.toString());
        assertEquals(logs.events().get(logs.events().size() - 1), error, "the error is the last line");
    }

    @Test
    void theEnvironmentVariableSwitchesToJsonAndABadCommandLineIsOneErrorEvent() throws Exception {
        Scripts.Result r = Scripts.run(Map.of("FRESHET_LOG_FORMAT", "json"), TRAINER, "list", "--store",
                dir.resolve("store").toString(), "--bogus");
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        JsonLogs logs = JsonLogs.read(r.err());
        assertEquals(1, logs.events().size(), r.err());
        logs.find("ERROR", m -> m.equals("Unknown option: '--bogus' (see 'trainer list --help')"));
    }

    @Test
    void aLogFormatThatIsNeitherIsAUsageErrorNamingTheVariable() throws Exception {
        Scripts.Result r = Scripts.run(Map.of("FRESHET_LOG_FORMAT", "xml"), TRAINER, "list", "--store",
                dir.resolve("store").toString());
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--log-format (or $FRESHET_LOG_FORMAT): 'xml' is not a log format (text or json)"),
                r.err());
    }
}
