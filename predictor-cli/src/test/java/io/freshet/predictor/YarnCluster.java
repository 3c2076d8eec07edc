package io.freshet.predictor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * A MiniYARNCluster ({@link MiniYarn}) in its own JVM on loopback, with the test's classpath (hadoop-client-minicluster),
 * and what a test asks of it: the configuration directory for HADOOP_CONF_DIR, the applications' final states as the
 * ResourceManager reports them, and the containers' logs.
 */
final class YarnCluster implements AutoCloseable {
    private static final java.util.Set<YarnApplicationState> ENDED =
            java.util.EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);
    private final JvmProcess process;
    private final Path confDir;
    private final Path workDir;

    private YarnCluster(JvmProcess process, Path confDir, Path workDir) {
        this.process = process;
        this.confDir = confDir;
        this.workDir = workDir;
    }

    /** Starts the cluster, with a NodeManager of {@code memoryMb} MiB and {@code vcores} cores, and waits until it is up. */
    static YarnCluster start(Path dir, int memoryMb, int vcores) throws InterruptedException {
        Path confDir = dir.resolve("hadoop-conf");
        Path workDir = dir.resolve("yarn-work");
        JvmProcess process = JvmProcess.start("MiniYARNCluster", dir.resolve("yarn.log"),
                Map.of("JAVA_HOME", System.getProperty("java.home")),
                List.of("-Xmx768m", "-Dtest.build.data=" + workDir, "-Djava.io.tmpdir=" + dir),
                System.getProperty("java.class.path"), MiniYarn.class.getName(),
                List.of(confDir.toString(), String.valueOf(memoryMb), String.valueOf(vcores)));
        YarnCluster cluster = new YarnCluster(process, confDir, workDir);
        try {
            process.await("the MiniYARNCluster to start", Duration.ofMinutes(2),
                    () -> Files.exists(confDir.resolve("ready")));
        } catch (AssertionError | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The client configuration: HADOOP_CONF_DIR for the launchers. */
    Path confDir() {
        return confDir;
    }

    /** The ResourceManager's report of every application, oldest first. */
    List<ApplicationReport> applications() {
        Configuration conf = new Configuration(false);
        conf.addResource(new org.apache.hadoop.fs.Path(confDir.resolve("yarn-site.xml").toUri()));
        try (YarnClient client = YarnClient.createYarnClient()) {
            client.init(conf);
            client.start();
            return client.getApplications().stream()
                    .sorted(java.util.Comparator.comparing(ApplicationReport::getApplicationId)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the ResourceManager", e);
        } catch (YarnException e) {
            throw new IllegalStateException("the ResourceManager refused to list applications", e);
        }
    }

    /**
     * The applications once every one has ended (FINISHED, FAILED or KILLED): a client-mode application ends a moment
     * after its driver exits, when its ApplicationMaster has unregistered.
     */
    List<ApplicationReport> applicationsEnded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ApplicationReport> apps = applications();
            if (apps.stream().allMatch(a -> ENDED.contains(a.getYarnApplicationState()))) {
                return apps;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("applications still running after " + timeout + ": " + apps);
            }
            Thread.sleep(200);
        }
    }

    /** Every container's stdout and stderr, each under its path, for a failure's message. */
    String containerLogs() {
        if (!Files.isDirectory(workDir)) {
            return "(no work directory)";
        }
        StringBuilder all = new StringBuilder();
        // The NodeManager deletes an application's local directories as it ends: a walk may meet one going.
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path f : files.filter(p -> p.toString().contains("logDir") && p.toString().contains("container_")
                    && p.getFileName().toString().matches("stdout|stderr")).sorted().toList()) {
                String text = ProjectPaths.read(f);
                all.append("==> ").append(f).append('\n')
                        .append(text.length() > 6000 ? text.substring(text.length() - 6000) : text).append('\n');
            }
        } catch (IOException | UncheckedIOException e) {
            all.append("(the container logs could not all be read: ").append(e).append(")\n");
        }
        return all + "==> cluster:\n" + process.tail();
    }

    @Override
    public void close() throws InterruptedException {
        try (process) {
            process.terminate();
            process.waitFor(Duration.ofMinutes(1));
        }
    }
}
