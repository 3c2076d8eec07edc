package io.freshet.predictor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.predictor.CliRun;
import io.freshet.predictor.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory sink never loses a batch file to another of the same name, writes a batch once however often an
 * attempt failed, and one directory serves one side.
 */
class DirSinkTest {
    static JavaSparkContext sc;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start(DirSinkTest.class);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void aBatchWhoseFileNameIsTakenIsWrittenBesideItNotOverIt() throws Exception {
        BatchWriter writer = new BatchWriter.DirWriter(dir.toString(), new Configuration());
        writer.write(sc.parallelize(List.of("{\"a\":1}", "{\"a\":2}")), 1_700_000_000_000L);
        writer.write(sc.parallelize(List.of("{\"b\":1}")), 1_700_000_000_000L);
        writer.write(sc.parallelize(List.of("{\"c\":1}")), 1_700_000_000_000L);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .sorted().toList();
            assertEquals(List.of("batch-1700000000000-1.jsonl", "batch-1700000000000-2.jsonl",
                    "batch-1700000000000.jsonl"), names);
        }
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), Files.readAllLines(dir.resolve("batch-1700000000000.jsonl")));
        assertEquals(List.of("{\"b\":1}"), Files.readAllLines(dir.resolve("batch-1700000000000-1.jsonl")));
    }

    @Test
    void aBatchWhoseSinkFailsTwiceArrivesOnceWhenTheSinkRecovers() throws Exception {
        Path out = dir.resolve("out");
        Path errors = dir.resolve("errors");
        Files.writeString(errors, "a file where the errors directory should be: unwritable even for root");
        BatchSinks.Sink outSink = new BatchSinks.Sink("--sink dir:" + out,
                new BatchWriter.DirWriter(out.toString(), new Configuration()));
        BatchSinks.Sink errSink = new BatchSinks.Sink("--errors dir:" + errors,
                new BatchWriter.DirWriter(errors.toString(), new Configuration()));
        List<Duration> waits = new ArrayList<>();
        BatchSinks sinks = new BatchSinks(outSink, errSink, new SinkRetry(5, Duration.ofMillis(1)), wait -> {
            waits.add(wait);
            if (waits.size() == 2) {
                assertTrue(errors.toFile().delete(), "the sink recovers");
            }
        });
        List<String> outputs = List.of("{\"o\":1}", "{\"o\":2}", "{\"o\":3}");
        List<String> errs = List.of("{\"e\":1}", "{\"e\":2}");
        sinks.write(1_700_000_000_000L, List.of(new BatchSinks.Side(outSink, sc.parallelize(outputs, 2)),
                new BatchSinks.Side(errSink, sc.parallelize(errs, 2))));
        assertEquals(2, waits.size(), "two failed attempts, then the third wrote");
        assertEquals(List.of("batch-1700000000000.jsonl"), batchFiles(out), "outputs written once");
        assertEquals(List.of("batch-1700000000000.jsonl"), batchFiles(errors), "errors written once");
        assertEquals(outputs, Files.readAllLines(out.resolve("batch-1700000000000.jsonl")));
        assertEquals(errs, Files.readAllLines(errors.resolve("batch-1700000000000.jsonl")));
    }

    private static List<String> batchFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl")).sorted().toList();
        }
    }

    @Test
    void sinkAndErrorsInOneDirectoryIsAUsageError() {
        for (String errors : List.of("dir:" + dir.resolve("out"), "dir:" + dir.resolve("out") + "/")) {
            CliRun run = CliRun.predictor("stream", "--store", dir.resolve("store").toString(), "--source",
                    "socket://127.0.0.1:9999", "--sink", "dir:" + dir.resolve("out"), "--errors", errors);
            assertEquals(ExitCode.USAGE, run.code(), run.toString());
            assertTrue(run.err().contains("--sink and --errors name the same directory"), run.toString());
        }
    }
}
