package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.trainer.metrics.Exposition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cron/freshet-train with the real bin/trainer: settings, flock, logs, exit codes. */
class CronWrapperIT {
    @TempDir
    static Path dir;
    static Path ratings;
    static final String WRAPPER = Scripts.root().resolve("cron/freshet-train").toString();

    @BeforeAll
    static void generate() {
        ratings = dir.resolve("ratings.dat");
        assertEquals(0, CliRun.trainer("generate", "--users", "200", "--items", "80", "--ratings", "3000", "--out",
                ratings.toString()).code());
    }

    private static Map<String, String> settings(Path work, String input) {
        return Map.of("FRESHET_STORE", work.resolve("store").toString(), "FRESHET_INPUT", input,
                "FRESHET_FIT_ARGS", "--rank 3 --iterations 2 --master local[1]",
                "FRESHET_LOG_DIR", work.resolve("logs").toString(), "FRESHET_KEEP_LOGS", "2",
                "FRESHET_JAVA_OPTS", "-Xmx1g -Djava.io.tmpdir=" + work);
    }

    private static List<Path> logs(Path work) throws IOException {
        try (Stream<Path> s = Files.list(work.resolve("logs"))) {
            return s.filter(p -> p.getFileName().toString().matches("train-.*\\.log")).sorted().toList();
        }
    }

    private static void assertNothingPublished(Path work) {
        assertEquals(List.of(), ModelStore.open(work.resolve("store").toString(), new Configuration()).versions());
    }

    @Test
    void aRunPublishesLogsWithUtcTimestampsAndExitsWithTheTrainersCode() throws Exception {
        Path work = Files.createDirectories(dir.resolve("ok"));
        Path env = Scripts.writeEnv(work.resolve("trainer.env"), settings(work, ratings.toString()));
        Scripts.Result r = Scripts.run(Map.of(), WRAPPER, env.toString());
        assertEquals(0, r.code(), r.toString());
        ModelStore store = ModelStore.open(work.resolve("store").toString(), new Configuration());
        assertEquals(1, store.versions().size());
        assertTrue(store.current().isPresent());
        String log = Files.readString(logs(work).get(0));
        assertTrue(log.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ freshet-train: start: .*"), log);
        assertTrue(log.contains("freshet-train: end: exit 0"), log);
    }

    private static void assertDecision(String decision, Map<String, Exposition.Family> m) {
        Exposition.Family f = m.get("freshet_trainer_gate_decision");
        assertEquals(6, f.samples().size(), f.toString());
        f.samples().forEach(s -> assertEquals(s.labels().get("decision").equals(decision) ? 1.0 : 0.0, s.value(),
                s.toString()));
    }

    /** Runs the wrapper with {@code settings}; checks its exit code, and the file's, and that the file is this run's. */
    private static Map<String, Exposition.Family> runAndReadMetrics(Path work, Map<String, String> settings,
                                                                    Path textfile, int code) throws Exception {
        long started = Instant.now().getEpochSecond();
        Scripts.Result r = Scripts.run(Map.of(), WRAPPER,
                Scripts.writeEnv(work.resolve("trainer.env"), settings).toString());
        assertEquals(code, r.code(), r.toString());
        Map<String, Exposition.Family> m = Exposition.parse(Files.readString(textfile));
        assertEquals(code, m.get("freshet_trainer_exit_code").value());
        double end = m.get("freshet_trainer_last_run_timestamp_seconds").value();
        assertTrue(end >= started && end <= Instant.now().getEpochSecond() + 1, "run ended " + end);
        assertTrue(m.get("freshet_trainer_run_duration_seconds").value() > 0);
        return m;
    }

    @Test
    void theMetricsFileAfterASuccessfulARefusedAndAFailedRun() throws Exception {
        Path work = Files.createDirectories(dir.resolve("metrics"));
        Path input = work.resolve("ratings.dat");
        Files.writeString(input, Files.readString(ratings) + "not a rating\n7::8::x\n");
        Path textfile = work.resolve("freshet_trainer.prom");
        Map<String, String> s = new java.util.HashMap<>(settings(work, input.toString()));
        s.put("FRESHET_METRICS_FILE", textfile.toString());
        s.put("FRESHET_FIT_ARGS", s.get("FRESHET_FIT_ARGS") + " --max-bad-lines 5");
        ModelStore store = ModelStore.open(work.resolve("store").toString(), new Configuration());

        Map<String, Exposition.Family> m = runAndReadMetrics(work, s, textfile, ExitCode.OK);
        String first = store.current().map(VersionId::value).orElseThrow();
        assertDecision("promoted", m);
        assertEquals(3000, m.get("freshet_trainer_ratings_read_total").value());
        assertEquals(2, m.get("freshet_trainer_bad_lines_total").value());
        for (String phase : List.of("read", "fit", "evaluate", "export", "publish")) {
            assertTrue(m.get("freshet_trainer_phase_duration_seconds").value("phase", phase) > 0, phase);
        }
        double ndcg = m.get("freshet_trainer_gate_metric_value").value("metric", "ndcg@10");
        assertEquals(store.manifest(store.current().get()).metrics().get("ndcg@10"), ndcg, 1e-12);
        assertEquals(store.manifest(store.current().get()).gate().lift().getAsDouble(),
                m.get("freshet_trainer_gate_lift_ratio").value("metric", "ndcg@10"), 1e-12);
        double age = m.get("freshet_trainer_served_version_age_seconds").value("version", first);
        assertTrue(age >= 0 && age < m.get("freshet_trainer_run_duration_seconds").value(), "age " + age);

        // Refused: no model reaches 1000 times the most-popular list; the pointer and the file's version stay.
        s.put("FRESHET_FIT_ARGS", s.get("FRESHET_FIT_ARGS") + " --min-lift 1000");
        m = runAndReadMetrics(work, s, textfile, ExitCode.GATE_REFUSED);
        assertDecision("refused", m);
        assertTrue(m.get("freshet_trainer_gate_lift_ratio").value("metric", "ndcg@10") < 1000);
        assertTrue(m.get("freshet_trainer_served_version_age_seconds").value("version", first) > age);
        assertEquals(first, store.current().map(VersionId::value).orElseThrow());

        // Failed: the input is gone (exit 3); nothing read or judged, the served version still reported.
        s.put("FRESHET_INPUT", work.resolve("missing.dat").toString());
        m = runAndReadMetrics(work, s, textfile, ExitCode.BAD_INPUT);
        assertDecision("none", m);
        for (String never : List.of("freshet_trainer_ratings_read_total", "freshet_trainer_bad_lines_total",
                "freshet_trainer_gate_metric_value", "freshet_trainer_gate_lift_ratio")) {
            assertFalse(m.containsKey(never), never + " was never learned\n" + m);
        }
        assertTrue(m.get("freshet_trainer_served_version_age_seconds").value("version", first) > 0);
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".freshet_trainer"))
                    .toList(), "no temporary textfile left");
        }
    }

    @Test
    void aLaterEnvironmentFileWinsSoAWeeklyTuneCanHandItsArgumentsToTheNightlyFit() throws Exception {
        Path work = Files.createDirectories(dir.resolve("tuned"));
        Path env = Scripts.writeEnv(work.resolve("trainer.env"), settings(work, ratings.toString()));
        Path tuned = work.resolve("tuned.env");
        Files.writeString(tuned, "FRESHET_FIT_ARGS=--rank 4 --iterations 2 --master local[1] --objective ranking\n");
        Scripts.Result r = Scripts.run(Map.of(), WRAPPER, env.toString(), tuned.toString());
        assertEquals(0, r.code(), r.toString());
        ModelStore store = ModelStore.open(work.resolve("store").toString(), new Configuration());
        assertEquals(4, store.manifest(store.current().orElseThrow()).als().rank(), "the tuned file's arguments");

        Scripts.Result missing = Scripts.run(Map.of(), WRAPPER, env.toString(), work.resolve("none.env").toString());
        assertEquals(ExitCode.USAGE, missing.code(), missing.toString());
        assertTrue(missing.err().contains("cannot read environment file " + work.resolve("none.env")), missing.err());
    }

    @Test
    void badInputExitCodePassesThroughAndTheLogTailIsPrinted() throws Exception {
        Path work = Files.createDirectories(dir.resolve("bad"));
        Path env = Scripts.writeEnv(work.resolve("trainer.env"), settings(work, work.resolve("missing.dat").toString()));
        Scripts.Result r = Scripts.run(Map.of(), WRAPPER, env.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("failed with exit 3"), r.err());
    }

    @Test
    void keepsOnlyTheNewestLogs() throws Exception {
        Path work = Files.createDirectories(dir.resolve("rotate"));
        Path env = Scripts.writeEnv(work.resolve("trainer.env"), settings(work, work.resolve("missing.dat").toString()));
        for (int i = 0; i < 3; i++) {
            Scripts.run(Map.of(), WRAPPER, env.toString());
        }
        assertEquals(2, logs(work).size());
    }

    @Test
    void aSecondRunWhileOneHoldsTheLockExits75AndDoesNothing() throws Exception {
        Path work = Files.createDirectories(dir.resolve("locked"));
        Map<String, String> s = new java.util.HashMap<>(settings(work, ratings.toString()));
        Path lock = work.resolve("held.lock");
        s.put("FRESHET_LOCK_FILE", lock.toString());
        Path env = Scripts.writeEnv(work.resolve("trainer.env"), s);
        Path ready = work.resolve("ready");
        Process holder = new ProcessBuilder("flock", lock.toString(), "sh", "-c", "touch " + ready + "; sleep 60").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(ready) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Scripts.Result r = Scripts.run(Map.of(), WRAPPER, env.toString());
            assertEquals(ExitCode.RUN_IN_PROGRESS, r.code(), r.toString());
            assertTrue(r.err().contains("another run holds"), r.err());
            assertNothingPublished(work);
        } finally {
            holder.descendants().forEach(ProcessHandle::destroy);
            holder.destroy();
        }
    }

    @Test
    void aLogDirectoryThatCannotBeWrittenExits73WithPathAndReasonOnStderrAndRunsNothing() throws Exception {
        Path work = Files.createDirectories(dir.resolve("log-dir"));
        // Under a regular file: mkdir fails with ENOTDIR, for root as well.
        Files.writeString(work.resolve("a-file"), "");
        Map<String, String> s = new java.util.HashMap<>(settings(work, ratings.toString()));
        Path logDir = work.resolve("a-file").resolve("logs");
        s.put("FRESHET_LOG_DIR", logDir.toString());
        Scripts.Result r = Scripts.run(Map.of(), WRAPPER, Scripts.writeEnv(work.resolve("trainer.env"), s).toString());
        assertEquals(ExitCode.LOG_UNWRITABLE, r.code(), r.toString());
        assertTrue(r.err().contains("cannot create the log directory " + logDir + ": Not a directory; nothing was run"),
                r.err());
        assertNothingPublished(work);

        // A read-only directory (chmod does not stop root, so only checked for other users).
        if (!Scripts.run(Map.of(), "id", "-u").out().trim().equals("0")) {
            Path readOnly = Files.createDirectories(work.resolve("read-only"));
            assertTrue(readOnly.toFile().setWritable(false, false));
            s.put("FRESHET_LOG_DIR", readOnly.toString());
            r = Scripts.run(Map.of(), WRAPPER, Scripts.writeEnv(work.resolve("trainer.env"), s).toString());
            assertEquals(ExitCode.LOG_UNWRITABLE, r.code(), r.toString());
            assertTrue(r.err().contains("cannot open the lock file " + readOnly.resolve("freshet-train.lock")
                    + ": Permission denied; nothing was run"), r.err());
            assertNothingPublished(work);
        }
    }

    @Test
    void aRunLogOnAFullDiskExits73WithPathAndReasonOnStderrAndRunsNothing() throws Exception {
        Path work = Files.createDirectories(dir.resolve("full"));
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path env = Scripts.writeEnv(work.resolve("trainer.env"), settings(work, ratings.toString()));
        // The run log is train-TIMESTAMP-PID.log: sh makes it a link to /dev/full (every write: ENOSPC) for this
        // second and the next nine, then execs the wrapper, which keeps sh's PID.
        Scripts.Result r = Scripts.run(Map.of(), "sh", "-c", "now=$(date +%s); for s in 0 1 2 3 4 5 6 7 8 9; do "
                + "ln -s /dev/full \"$1/train-$(date -u -d @$((now + s)) +%Y%m%dT%H%M%SZ)-$$.log\"; done; "
                + "exec \"$2\" \"$3\"", "sh", logs.toString(), WRAPPER, env.toString());
        assertEquals(ExitCode.LOG_UNWRITABLE, r.code(), r.toString());
        assertTrue(r.err().matches("(?s).*cannot write the run log " + java.util.regex.Pattern.quote(logs.toString())
                + "/train-\\S+\\.log: No space left on device; nothing was run.*"), r.err());
        assertNothingPublished(work);
    }

    @Test
    void aDiskThatFillsDuringARunIsReportedOnStderrAndASuccessfulRunExits73() throws Exception {
        Path work = Files.createDirectories(dir.resolve("fills"));
        // A trainer that succeeds after its run log (its stdout) has become /dev/full, as if the disk filled.
        Path trainer = work.resolve("trainer");
        Files.writeString(trainer, "#!/bin/sh\necho \"fake trainer $1\"\nlog=$(readlink /proc/$$/fd/1)\n"
                + "rm \"$log\" && ln -s /dev/full \"$log\" && touch " + work.resolve("ran") + "\nexit ${RC:-0}\n");
        assertTrue(trainer.toFile().setExecutable(true));
        Map<String, String> s = new java.util.HashMap<>(settings(work, ratings.toString()));
        s.put("FRESHET_TRAINER", trainer.toString());
        Path env = Scripts.writeEnv(work.resolve("trainer.env"), s);
        Scripts.Result r = Scripts.run(Map.of(), WRAPPER, env.toString());
        assertTrue(Files.exists(work.resolve("ran")), r.toString());
        assertEquals(ExitCode.LOG_UNWRITABLE, r.code(), r.toString());
        assertTrue(r.err().contains(": No space left on device; it is incomplete (the trainer exited 0)"), r.err());
        assertTrue(r.err().contains("cannot write the run log " + logs(work).get(0)), r.err());

        Scripts.Result failed = Scripts.run(Map.of("RC", "3"), WRAPPER, env.toString());
        assertEquals(ExitCode.BAD_INPUT, failed.code(), "a failed run keeps its code\n" + failed);
        assertTrue(failed.err().contains("it is incomplete (the trainer exited 3)"), failed.err());
    }

    @Test
    void missingSettingIsAUsageError() throws Exception {
        Path work = Files.createDirectories(dir.resolve("usage"));
        Path env = Scripts.writeEnv(work.resolve("trainer.env"), Map.of("FRESHET_INPUT", ratings.toString()));
        Scripts.Result r = Scripts.run(Map.of(), WRAPPER, env.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("FRESHET_STORE is not set"), r.err());
    }

    @Test
    void environmentFileLinesAreParsedNotExecuted() throws Exception {
        Path work = Files.createDirectories(dir.resolve("inject"));
        Path marker = work.resolve("pwned");
        Path env = work.resolve("trainer.env");
        Files.writeString(env, "FRESHET_STORE=$(touch " + marker + ")\ntouch " + marker + "\n");
        Scripts.Result r = Scripts.run(Map.of(), WRAPPER, env.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("not a KEY=VALUE line"), r.err());
        assertTrue(!Files.exists(marker), "nothing in the environment file ran");
    }

    @Test
    void anEnvironmentFileCannotSetKeysThatRunCodeInTheLauncher() throws Exception {
        Path work = Files.createDirectories(dir.resolve("hostile-keys"));
        Path marker = work.resolve("pwned");
        Path payload = work.resolve("payload.sh");
        Files.writeString(payload, "touch " + marker + "\n");
        Path fakeBin = Files.createDirectories(work.resolve("bin"));
        Path fakeJava = fakeBin.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\ntouch " + marker + "\n");
        fakeJava.toFile().setExecutable(true);
        Map<String, String> base = settings(work, ratings.toString());
        for (String hostile : List.of("BASH_ENV=" + payload, "ENV=" + payload, "PATH=" + fakeBin + ":/usr/bin:/bin",
                "LD_PRELOAD=" + work.resolve("evil.so"), "SHELLOPTS=xtrace")) {
            Path env = Scripts.writeEnv(work.resolve("trainer.env"), base);
            Files.writeString(env, Files.readString(env) + hostile + "\n");
            Scripts.Result r = Scripts.run(Map.of(), WRAPPER, env.toString());
            String key = hostile.substring(0, hostile.indexOf('='));
            assertEquals(ExitCode.USAGE, r.code(), hostile + "\n" + r);
            assertTrue(r.err().contains(key + " is not a setting freshet-train takes"), r.err());
            assertTrue(!Files.exists(marker), hostile + " ran code");
        }
    }

    @Test
    void aValueIsNeverEvaluatedNotEvenAsArithmetic() throws Exception {
        Path work = Files.createDirectories(dir.resolve("hostile-values"));
        Path marker = work.resolve("pwned");
        Map<String, String> base = settings(work, ratings.toString());
        for (String hostile : List.of("FRESHET_KEEP_LOGS=a[$(touch " + marker + ")]",
                "FRESHET_PRUNE_KEEP=$(touch " + marker + ")", "FRESHET_KEEP_LOGS=`touch " + marker + "`")) {
            Path env = Scripts.writeEnv(work.resolve("trainer.env"), base);
            Files.writeString(env, Files.readString(env) + hostile + "\n");
            Scripts.run(Map.of(), WRAPPER, env.toString());
            assertTrue(!Files.exists(marker), hostile + " was evaluated");
        }
    }
}
