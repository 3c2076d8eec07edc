package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both CLIs on YARN, a MiniYARNCluster in its own JVM, through the launchers a user runs: bin/spark-submit of
 * {@code trainer fit} in cluster deploy mode publishes the first version; bin/spark-submit of {@code predictor stream}
 * (client deploy mode, a dir: source) scores events with it; cron/freshet-train, whose fit runs bin/trainer with
 * --master yarn, publishes a second version while the stream runs; the stream swaps to it, and stops on SIGTERM with
 * exit 0. The ResourceManager reports all three applications FINISHED and SUCCEEDED. The store is on the local file
 * system, which is also the cluster's default file system, as the containers run on this machine.
 */
@Tag("slow")
class PredictorYarnIT {
    private static final int USERS = 60;
    private static final int ITEMS = 40;
    /** Memory and cores of the one NodeManager, and of each container; the machine is small and shared. */
    private static final int NODE_MB = 4096;
    private static final int NODE_VCORES = 4;
    private static final List<String> SMALL = List.of(
            "--conf", "spark.executor.instances=1", "--conf", "spark.executor.cores=1",
            "--conf", "spark.executor.memory=512m", "--conf", "spark.driver.memory=512m",
            "--conf", "spark.yarn.am.memory=512m", "--conf", "spark.yarn.maxAppAttempts=1",
            "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
            "--conf", "spark.default.parallelism=2",
            // The containers' Spark binds to loopback too, as the launchers' own JVMs do.
            "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
            "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1");

    @TempDir
    Path dir;

    @Test
    void trainerPublishesPredictorScoresSwapsAndStopsCleanlyOnYarn() throws Exception {
        long started = System.nanoTime();
        Path ratings = writeRatings(dir.resolve("ratings.dat"));
        Path storePath = dir.resolve("store");
        String store = storePath.toUri().toString();
        Path staging = Files.createDirectories(dir.resolve("staging"));
        List<String> staged = List.of("--conf", "spark.yarn.stagingDir=" + staging.toUri());
        try (YarnCluster yarn = YarnCluster.start(dir, NODE_MB, NODE_VCORES)) {
            lap(started, "cluster up");
            Map<String, String> env = Map.of("HADOOP_CONF_DIR", yarn.confDir().toString(),
                    "FRESHET_JAVA_OPTS", "-Xmx768m -Djava.io.tmpdir=" + dir);

            // 1. trainer fit, cluster deploy mode: the driver runs in the ApplicationMaster's container.
            List<String> fit = new ArrayList<>(List.of(bin("spark-submit"), "--master", "yarn", "--deploy-mode", "cluster"));
            fit.addAll(SMALL);
            fit.addAll(staged);
            fit.addAll(List.of("--class", "io.freshet.trainer.Main", ProjectPaths.trainerJar().toString(),
                    "fit", "--store", store, "--input", ratings.toUri().toString(), "--rank", "4", "--iterations", "2",
                    "--holdout", "0"));
            try (JvmProcess trainer = JvmProcess.launcher("spark-submit trainer", dir.resolve("fit-cluster.log"), env, fit)) {
                int code = trainer.waitFor(Duration.ofMinutes(3));
                assertEquals(0, code, () -> trainer.tail() + "\n" + yarn.containerLogs());
            }
            lap(started, "trainer fit in cluster mode done");
            VersionId v1 = current(storePath).orElseThrow(() -> new AssertionError("no version published"));

            // 2. predictor stream, client deploy mode: this JVM is the driver, the executor is a YARN container.
            Path source = Files.createDirectories(dir.resolve("source"));
            Path out = dir.resolve("out");
            Path errors = dir.resolve("errors");
            List<String> stream = new ArrayList<>(List.of(bin("spark-submit"), "--master", "yarn", "--deploy-mode", "client"));
            stream.addAll(SMALL);
            stream.addAll(staged);
            stream.addAll(List.of("--class", "io.freshet.predictor.Main", ProjectPaths.predictorJar().toString(),
                    "stream", "--store", store, "--source", "dir:" + source.toUri(), "--sink", "dir:" + out.toUri(),
                    "--errors", "dir:" + errors.toUri(), "--batch-interval", "1", "--reload-interval", "1", "--top", "5"));
            try (JvmProcess predictor = JvmProcess.launcher("spark-submit predictor", dir.resolve("stream.log"), env, stream)) {
                predictor.await("the stream to start", Duration.ofMinutes(2),
                        () -> predictor.log().contains("streaming from dir:"));
                lap(started, "stream started");
                List<String> first = events("a", 200);
                drop(source, "first.txt", first);
                predictor.await("records of " + v1, Duration.ofMinutes(2),
                        () -> StreamOutputs.lines(out).size() + StreamOutputs.lines(errors).size() >= first.size());

                // 3. train again while the stream runs: cron's wrapper, its fit on YARN through bin/trainer.
                Path envFile = Files.write(dir.resolve("trainer.env"), List.of(
                        "FRESHET_STORE=" + store, "FRESHET_INPUT=" + ratings.toUri(),
                        "FRESHET_FIT_ARGS=" + String.join(" ", fitOnYarn(staging)),
                        "FRESHET_LOG_DIR=" + dir.resolve("cron-logs"),
                        "HADOOP_CONF_DIR=" + yarn.confDir(), "SPARK_LOCAL_IP=127.0.0.1",
                        "FRESHET_JAVA_OPTS=-Xmx768m -Djava.io.tmpdir=" + dir));
                try (JvmProcess cron = JvmProcess.launcher("cron/freshet-train", dir.resolve("cron.log"), Map.of(),
                        List.of(ProjectPaths.root().resolve("cron/freshet-train").toString(), envFile.toString()))) {
                    int code = cron.waitFor(Duration.ofMinutes(3));
                    assertEquals(0, code, () -> cron.tail() + "\n" + cronLog(dir.resolve("cron-logs")) + "\n"
                            + yarn.containerLogs());
                }
                lap(started, "cron fit done");
                VersionId v2 = current(storePath).orElseThrow();
                assertNotEquals(v1, v2, "the second fit moved the pointer");

                predictor.await("the swap to " + v2, Duration.ofMinutes(2),
                        () -> predictor.log().contains("model swap: " + v1 + " -> " + v2));
                List<String> second = events("b", 200);
                drop(source, "second.txt", second);
                predictor.await("records of " + v2, Duration.ofMinutes(2),
                        () -> StreamOutputs.lines(out).size() + StreamOutputs.lines(errors).size()
                                >= first.size() + second.size());
                predictor.terminate();
                int code = predictor.waitFor(Duration.ofMinutes(2));
                assertEquals(0, code, () -> predictor.tail() + "\n" + yarn.containerLogs());

                List<JsonNode> records = StreamOutputs.read(out);
                assertEquals(List.of(), StreamOutputs.lines(errors), "every event is well formed");
                assertEquals(first.size() + second.size(), records.size(), "every event answered once");
                assertEquals(ids("a", first.size()), idsOf(records, v1), "the first file scored by " + v1);
                assertEquals(ids("b", second.size()), idsOf(records, v2), "the second file scored by " + v2);
                assertTrue(records.stream().allMatch(r -> r.get("items").size() == 5), "five items each");
            }

            List<ApplicationReport> apps = yarn.applicationsEnded(Duration.ofMinutes(1));
            assertEquals(3, apps.size(), apps.toString());
            for (ApplicationReport app : apps) {
                assertEquals(YarnApplicationState.FINISHED, app.getYarnApplicationState(), app.toString());
                assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus(),
                        app.getName() + " " + app.getDiagnostics());
            }
        }
        lap(started, "all done");
    }

    /** The test's time so far, for its record: it must stay well within CI's budget. */
    private static void lap(long started, String what) {
        System.out.printf("PredictorYarnIT: %s at %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    /** `trainer fit`'s arguments for cron, on YARN in client mode, forced past the gate (the data is the same). */
    private static List<String> fitOnYarn(Path staging) {
        List<String> args = new ArrayList<>(List.of("--master", "yarn", "--rank", "4", "--iterations", "2",
                "--holdout", "0", "--force"));
        args.addAll(SMALL);
        args.addAll(List.of("--conf", "spark.yarn.stagingDir=" + staging.toUri()));
        return args;
    }

    /** Ratings of every user for about half the items, seeded: each user and item is in the model. */
    private static Path writeRatings(Path file) throws IOException {
        SplittableRandom rnd = new SplittableRandom(16);
        List<String> lines = new ArrayList<>();
        for (int u = 1; u <= USERS; u++) {
            for (int i = 1; i <= ITEMS; i++) {
                if (rnd.nextInt(2) == 0 || i == u % ITEMS + 1) {
                    lines.add(u + "::" + i + "::" + (1 + rnd.nextInt(5)));
                }
            }
        }
        return Files.write(file, lines);
    }

    private static List<String> events(String prefix, int n) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add("{\"id\":\"" + prefix + i + "\",\"user\":" + (i % USERS + 1) + "}");
        }
        return events;
    }

    private static TreeSet<String> ids(String prefix, int n) {
        TreeSet<String> ids = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private static TreeSet<String> idsOf(List<JsonNode> records, VersionId version) {
        TreeSet<String> ids = new TreeSet<>();
        records.stream().filter(r -> r.get("model").asText().equals(version.value()))
                .forEach(r -> ids.add(StreamOutputs.id(r)));
        return ids;
    }

    /** A file appears in the source directory whole: written under a hidden name, then renamed. */
    private static void drop(Path source, String name, List<String> lines) throws IOException {
        Path hidden = Files.write(source.resolve("." + name + ".tmp"), lines);
        Files.move(hidden, source.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Optional<VersionId> current(Path store) {
        return ModelStore.open(store.toString(), new Configuration()).current();
    }

    private static String bin(String launcher) {
        return ProjectPaths.root().resolve("bin").resolve(launcher).toString();
    }

    private static String cronLog(Path logDir) {
        if (!Files.isDirectory(logDir)) {
            return "(no cron log)";
        }
        try (var files = Files.list(logDir)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                all.append("==> ").append(f).append('\n').append(ProjectPaths.read(f));
            }
            return all.toString();
        } catch (IOException e) {
            return "(cannot list " + logDir + ": " + e + ")";
        }
    }
}
