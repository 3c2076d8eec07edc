package io.freshet.predictor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A JVM the test starts (spark-submit, a Spark master or worker), its output in a log file. */
public final class JvmProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String name;

    private JvmProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static JvmProcess start(String name, Path log, Map<String, String> env, List<String> jvmArgs, String classpath,
                            String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProjectPaths.java());
        cmd.addAll(ProjectPaths.jvmOptions());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return launcher(name, log, env, cmd);
    }

    /** Runs {@code cmd}: a JVM, or a launcher of the project's bin/ that execs one, as a user would run it. */
    public static JvmProcess launcher(String name, Path log, Map<String, String> env, List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().putAll(env);
        try {
            return new JvmProcess(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Real spark-submit (org.apache.spark.deploy.SparkSubmit) of the predictor jar. */
    public static JvmProcess sparkSubmit(Path log, Map<String, String> env, List<String> submitArgs, List<String> appArgs) {
        return sparkSubmit(log, env, "2g", submitArgs, appArgs);
    }

    /**
     * As {@link #sparkSubmit(Path, Map, List, List)}, the spark-submit JVM (the driver, in client mode) given a heap
     * of {@code driverHeap} ({@code -Xmx}).
     */
    public static JvmProcess sparkSubmit(Path log, Map<String, String> env, String driverHeap, List<String> submitArgs,
                                         List<String> appArgs) {
        List<String> args = new ArrayList<>(submitArgs);
        args.add("--class");
        args.add("io.freshet.predictor.Main");
        args.add(ProjectPaths.predictorJar().toString());
        args.addAll(appArgs);
        return start("spark-submit", log, env, List.of("-Xmx" + driverHeap, "-Djava.io.tmpdir=" + log.getParent()),
                ProjectPaths.sparkClasspath(), "org.apache.spark.deploy.SparkSubmit", args);
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL. */
    public void kill() {
        process.destroyForcibly();
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + "; log:\n" + tail());
        }
        return process.exitValue();
    }

    /** Polls {@code condition} until it holds; fails with the process log if the process dies or time runs out. */
    public void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") while waiting for " + what
                        + "; log:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; log:\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    public String tail() {
        String l = log();
        return l.length() > 8000 ? l.substring(l.length() - 8000) : l;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
