package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.artifact.ModelArtifact;
import io.freshet.cli.ExitCode;
import io.freshet.cli.JsonLogs;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The predictor with JSON logs, through its launchers: bin/predictor (FRESHET_LOG_FORMAT=json) and bin/spark-submit
 * (--log-format json, where spark-submit's JVM configures Log4j before the predictor's jar is loaded). stderr holds
 * one JSON object a line, warnings and the error included.
 */
class PredictorJsonLogsIT {
    @TempDir
    Path dir;

    /** A launcher run from the project's bin/, stdout and stderr in files of their own. */
    private record Launched(Process process, Path out, Path err) {
        static Launched start(Path dir, Map<String, String> env, String launcher, List<String> args) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProjectPaths.root().resolve("bin").resolve(launcher).toString());
            cmd.addAll(args);
            Path out = dir.resolve(launcher + ".out");
            Path err = dir.resolve(launcher + ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            pb.environment().put("FRESHET_JAVA_OPTS", "-Xmx1g -Djava.io.tmpdir=" + dir);
            return new Launched(pb.start(), out, err);
        }

        String stderr() {
            try {
                return Files.readString(err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for the exit, and for the whole of stderr: it ends with the line that says it is done. */
        int exit(String lastLine) throws InterruptedException {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("no exit in 3 minutes; stderr:\n" + stderr());
            }
            await("stderr's last line", () -> stderr().contains(lastLine) && stderr().endsWith("\n"));
            return process.exitValue();
        }

        void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + what + "; stderr:\n" + stderr());
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void transformOnAnOlderModelLogsItsWarningAndItsErrorRecordsAsJsonLines() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
        ModelArtifact model = ModelFixtures.random(20, 10, 4, 3, 1);
        VersionId older = ModelFixtures.publishCurrent(store, model);
        VersionId corrupt = StoreDamage.publishTruncatedFactors(store, model);
        store.promote(corrupt);
        Path events = Files.write(dir.resolve("events.txt"), List.of("1", "2,3", "bogus", "{\"user\":4}"));

        Launched run = Launched.start(dir, Map.of("FRESHET_LOG_FORMAT", "json"), "predictor", List.of("transform",
                "--store", store.uri().toString(), "--input", events.toString()));
        assertEquals(ExitCode.BAD_INPUT, run.exit("\"raw\":\"bogus\""), run.stderr());
        JsonLogs logs = JsonLogs.read(run.stderr());
        JsonNode warning = logs.find("WARN", m -> m.startsWith("STARTED ON AN OLDER MODEL: the current version "
                + corrupt)).get(0);
        assertEquals("io.freshet.serving.ModelWatcher", warning.get("logger").asText());
        assertTrue(warning.get("message").asText().contains(older.value()), warning.toString());
        assertEquals(1, logs.others().size(), run.stderr());
        assertEquals("bogus", logs.others().get(0).get("raw").asText());
        assertEquals(3, Files.readAllLines(run.out()).size(), "every other event was scored");
    }

    @Test
    @Tag("slow")
    void aStreamUnderSparkSubmitWhoseSinkStaysUnwritableLogsRetriesAndItsErrorAsJsonLines() throws Exception {
        UnwritableErrorsSink sink = UnwritableErrorsSink.in(dir);
        List<String> args = new ArrayList<>(List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--class", "io.freshet.predictor.Main", ProjectPaths.predictorJar().toString()));
        args.addAll(sink.streamArgs());
        args.addAll(List.of("--verbose", "--log-format", "json"));
        Launched run = Launched.start(dir, Map.of(), "spark-submit", args);
        try {
            run.await("the stream to start", () -> run.stderr().contains("streaming from dir:")
                    || !run.process().isAlive());
            assertTrue(run.process().isAlive(), run.stderr());
            sink.arrive();
            assertEquals(ExitCode.STORE, run.exit("not written after 3 attempts"), run.stderr());
        } finally {
            run.process().destroyForcibly();
        }
        JsonLogs logs = JsonLogs.read(run.stderr());
        assertEquals(List.of(), logs.others(), "nothing on stderr but log events");
        assertEquals(2, logs.find("WARN", m -> m.contains("attempt ")).size(), run.stderr());
        JsonNode error = logs.find("ERROR", m -> m.contains("not written after 3 attempts: --errors dir:" + sink.errors()))
                .get(0);
        assertEquals(StreamCommand.class.getName(), error.get("logger").asText());
        assertTrue(error.has("exception"), "--verbose: the stack trace is the event's exception");
        assertFalse(run.stderr().contains("Using Spark's default log4j profile"), "Freshet's configuration, not Spark's");
    }
}
