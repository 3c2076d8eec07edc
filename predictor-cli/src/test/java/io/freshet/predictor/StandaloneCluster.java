package io.freshet.predictor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Spark standalone master and one worker or more, each in its own JVM on loopback, from the build's jars (no Spark
 * installation): the worker gets a SPARK_HOME whose jars/ links the classpath's jars, which is where it takes
 * the executors' classpath from (a standalone worker builds an executor's classpath from SPARK_HOME/jars, not from
 * the classpath of the JVM that started it).
 */
final class StandaloneCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JvmProcess master;
    private final List<JvmProcess> workers;
    private final int port;
    private final Path workDir;

    private StandaloneCluster(JvmProcess master, List<JvmProcess> workers, int port, Path workDir) {
        this.master = master;
        this.workers = workers;
        this.port = port;
        this.workDir = workDir;
    }

    /** Starts both and waits until the worker is ALIVE with {@code cores} cores (and 2 GB for executors). */
    static StandaloneCluster start(Path dir, int cores) throws IOException, InterruptedException {
        return start(dir, cores, "2g");
    }

    /** Starts both and waits until the worker is ALIVE with {@code cores} cores and {@code memory} for executors. */
    static StandaloneCluster start(Path dir, int cores, String memory) throws IOException, InterruptedException {
        return start(dir, 1, cores, memory);
    }

    /**
     * Starts the master and {@code workers} workers, each with {@code cores} cores and {@code memory} for executors,
     * and waits until all are ALIVE.
     */
    static StandaloneCluster start(Path dir, int workers, int cores, String memory)
            throws IOException, InterruptedException {
        int port = freePort();
        int masterUi = freePort();
        Path sparkHome = sparkHome(dir.resolve("spark-home"));
        Path workDir = Files.createDirectories(dir.resolve("worker"));
        String classpath = ProjectPaths.sparkClasspath();
        JvmProcess master = JvmProcess.start("spark master", dir.resolve("master.log"), Map.of(), List.of("-Xmx512m"),
                classpath, "org.apache.spark.deploy.master.Master",
                List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(masterUi)));
        List<JvmProcess> started = new java.util.ArrayList<>();
        for (int w = 0; w < workers; w++) {
            started.add(JvmProcess.start("spark worker " + w, dir.resolve(w == 0 ? "worker.log" : "worker-" + w + ".log"),
                    Map.of("SPARK_HOME", sparkHome.toString()), List.of("-Xmx512m"), classpath,
                    "org.apache.spark.deploy.worker.Worker",
                    List.of("--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memory, "--webui-port",
                            String.valueOf(freePort()), "--work-dir", workDir.toString(), "spark://127.0.0.1:" + port)));
        }
        StandaloneCluster cluster = new StandaloneCluster(master, List.copyOf(started), port, workDir);
        try {
            URI status = URI.create("http://127.0.0.1:" + masterUi + "/json/");
            started.get(0).await("the workers to register with the master", Duration.ofMinutes(2),
                    () -> aliveWorkerCores(status) == workers * cores && master.alive());
        } catch (AssertionError | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The stderr of every executor the worker ran (WORK_DIR/APP/EXECUTOR/stderr). */
    List<String> executorLogs() {
        try (Stream<Path> files = Files.walk(workDir)) {
            return files.filter(p -> p.getFileName().toString().equals("stderr")).sorted().map(ProjectPaths::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + workDir, e);
        }
    }

    String logs() {
        StringBuilder b = new StringBuilder("master:\n").append(master.tail());
        workers.forEach(w -> b.append("\nworker:\n").append(w.tail()));
        return b.toString();
    }

    /** Stops the workers first (SIGTERM: their shutdown hooks end their executors), then the master. */
    @Override
    public void close() throws InterruptedException {
        try (master) {
            for (JvmProcess worker : workers) {
                try (worker) {
                    worker.terminate();
                    worker.waitFor(Duration.ofMinutes(1));
                }
            }
            master.terminate();
            master.waitFor(Duration.ofMinutes(1));
        }
    }

    /** Cores of the ALIVE workers per the master's JSON status; 0 while the master does not answer yet. */
    private static int aliveWorkerCores(URI status) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return 0; // the master's web UI does not listen yet
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + status, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + status, e);
        }
        if (response.statusCode() != 200) {
            return 0;
        }
        int cores = 0;
        try {
            for (JsonNode w : JSON.readTree(response.body()).path("workers")) {
                if (w.path("state").asText().equals("ALIVE")) {
                    cores += w.path("cores").asInt();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the master's status at " + status + " is not JSON: " + response.body(), e);
        }
        return cores;
    }

    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : ProjectPaths.sparkClasspath().split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar); // two jars of one name would fail here
        }
        return home;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
