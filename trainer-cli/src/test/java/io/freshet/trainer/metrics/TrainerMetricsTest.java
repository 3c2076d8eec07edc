package io.freshet.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run report as a textfile: valid exposition format, the values of the report, atomically replaced. */
class TrainerMetricsTest {
    static final Instant END = Instant.parse("2026-03-01T02:20:00Z");

    @TempDir
    Path dir;

    /** A run that learned everything: every family of docs/operations.md is in its textfile. */
    static RunReport fullReport(String gateMetric) {
        Map<Phase, Duration> phases = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            phases.put(p, Duration.ofMillis(1000L * (p.ordinal() + 1) + 250));
        }
        return new RunReport(0, PointerDecision.PROMOTED, phases, Duration.ofSeconds(300), END,
                Optional.of(new RunReport.RatingCounts(3000, 7)),
                Optional.of(new RunReport.GateReading(gateMetric, 0.25, OptionalDouble.of(1.5))),
                Optional.of(new RunReport.ServedVersion("20260301T021500Z-8c01fe", END.minusSeconds(3600))));
    }

    static Map<String, Exposition.Family> written(Path file, RunReport report) throws IOException {
        new MetricsTextFile(file).write(TrainerMetrics.of(report));
        return Exposition.parse(Files.readString(file));
    }

    @Test
    void aFullReportIsValidExpositionWithEveryValue() throws Exception {
        Map<String, Exposition.Family> m = written(dir.resolve("t.prom"), fullReport("ndcg@10"));
        assertEquals(0, m.get("freshet_trainer_exit_code").value());
        for (PointerDecision d : PointerDecision.values()) {
            assertEquals(d == PointerDecision.PROMOTED ? 1 : 0, m.get("freshet_trainer_gate_decision").value("decision",
                    d.label()), d.label());
        }
        assertEquals(Phase.values().length, m.get("freshet_trainer_phase_duration_seconds").samples().size());
        assertEquals(1.25, m.get("freshet_trainer_phase_duration_seconds").value("phase", "read"));
        assertEquals(5.25, m.get("freshet_trainer_phase_duration_seconds").value("phase", "publish"));
        assertEquals(300, m.get("freshet_trainer_run_duration_seconds").value());
        assertEquals("counter", m.get("freshet_trainer_ratings_read_total").type());
        assertEquals(3000, m.get("freshet_trainer_ratings_read_total").value());
        assertEquals(7, m.get("freshet_trainer_bad_lines_total").value());
        assertEquals(0.25, m.get("freshet_trainer_gate_metric_value").value("metric", "ndcg@10"));
        assertEquals(1.5, m.get("freshet_trainer_gate_lift_ratio").value("metric", "ndcg@10"));
        assertEquals(3600, m.get("freshet_trainer_served_version_age_seconds").value("version",
                "20260301T021500Z-8c01fe"));
        assertEquals(END.getEpochSecond(), m.get("freshet_trainer_last_run_timestamp_seconds").value());
        m.values().forEach(f -> assertFalse(f.help().isBlank(), f.name()));
    }

    @Test
    void aRunThatFailedBeforeReadingWritesItsExitCodeAndNoValueItNeverLearned() throws Exception {
        RunReport failed = new RunReport(4, PointerDecision.NONE, Map.of(), Duration.ofMillis(1500), END,
                Optional.empty(), Optional.empty(), Optional.empty());
        Map<String, Exposition.Family> m = written(dir.resolve("t.prom"), failed);
        assertEquals(List.of("freshet_trainer_exit_code", "freshet_trainer_gate_decision",
                "freshet_trainer_last_run_timestamp_seconds", "freshet_trainer_run_duration_seconds"),
                m.keySet().stream().sorted().toList());
        assertEquals(4, m.get("freshet_trainer_exit_code").value());
        assertEquals(1, m.get("freshet_trainer_gate_decision").value("decision", "none"));
        assertEquals(1.5, m.get("freshet_trainer_run_duration_seconds").value());
    }

    @Test
    void labelValuesWithQuotesBackslashesAndNewlinesAreEscapedAndReadBack() throws Exception {
        String odd = "p@\"5\"\\x\ny";
        Map<String, Exposition.Family> m = written(dir.resolve("t.prom"), fullReport(odd));
        assertEquals(0.25, m.get("freshet_trainer_gate_metric_value").value("metric", odd));
        assertEquals(1.5, m.get("freshet_trainer_gate_lift_ratio").value("metric", odd));
    }

    @Test
    void theStrictReaderRefusesWhatAScraperRefuses() {
        String ok = "# HELP a_b x\n# TYPE a_b gauge\na_b{l=\"v\"} 1\n";
        assertEquals(1, Exposition.parse(ok).size());
        for (String bad : List.of("# HELP a_b x\n# TYPE a_b gauge\na_b{l=\"v\"} 1", // no final newline
                "# TYPE a_b gauge\na_b 1\n", // no HELP
                "# HELP a_b x\n# TYPE a_b gauge\na_b{l=\"v\\q\"} 1\n", // bad escape
                "# HELP a_b x\n# TYPE a_b gauge\na_b{l=\"v\"} one\n", // bad value
                "# HELP a_b x\n# TYPE a_b gauge\na_b{1l=\"v\"} 1\n", // bad label name
                "# HELP a_b x\n# TYPE a_b counter\na_b_total 1\n", // counter sample name
                "# HELP a_b x\n# TYPE a_b gauge\nc_d 1\n")) { // sample outside its block
            assertThrows(AssertionError.class, () -> Exposition.parse(bad), bad);
        }
    }

    @Test
    void theFileIsReplacedWholeReadableByAllWithNoTemporaryLeft() throws Exception {
        Path file = dir.resolve("freshet_trainer.prom");
        Files.writeString(file, "old\n");
        written(file, fullReport("ndcg@10"));
        RunReport second = new RunReport(6, PointerDecision.REFUSED, Map.of(), Duration.ofSeconds(1), END,
                Optional.empty(), Optional.empty(), Optional.empty());
        Map<String, Exposition.Family> m = written(file, second);
        assertEquals(6, m.get("freshet_trainer_exit_code").value());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList(), "only the textfile is left");
        }
    }

    @Test
    void aDirectoryThatIsGoneIsAnIOException() {
        MetricsTextFile file = new MetricsTextFile(dir.resolve("gone").resolve("t.prom"));
        assertThrows(IOException.class, () -> file.write(TrainerMetrics.of(fullReport("ndcg@10"))));
    }
}
