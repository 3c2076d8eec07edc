package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code predictor stream} as bin/predictor runs it (its own JVM, local[2]) on a directory source and sink: one
 * file of events in, every record out, then SIGTERM and exit 0.
 */
final class DirStream {
    private DirStream() {
    }

    /** What the stream wrote, and its log. */
    record Written(List<String> outputs, List<String> errors, String log) {
    }

    /**
     * Serves {@code store} with {@code options} added to the stream's command line, drops {@code events} into the
     * source once the stream runs, and waits until it has written {@code records} output and error records.
     */
    static Written run(Path dir, Path store, Path events, int records, String... options) throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        Path out = dir.resolve("out");
        Path errOut = dir.resolve("errors");
        List<String> args = new ArrayList<>(List.of("stream", "--master", "local[2]", "--store", store.toString(),
                "--source", "dir:" + source, "--sink", "dir:" + out, "--errors", "dir:" + errOut,
                "--batch-interval", "1"));
        args.addAll(List.of(options));
        String log;
        try (JvmProcess stream = JvmProcess.start("predictor stream", dir.resolve("stream.log"), Map.of(),
                List.of("-Xmx1g", "-Djava.io.tmpdir=" + dir), ProjectPaths.predictorJar() + ":"
                        + ProjectPaths.sparkClasspath(), "io.freshet.predictor.Main", args)) {
            stream.await("the stream to start", Duration.ofMinutes(2), () -> stream.log().contains("streaming from dir:"));
            // A file must appear in the source directory whole: write it under a hidden name, then rename it.
            Path hidden = Files.copy(events, source.resolve(".events.txt.tmp"));
            Files.move(hidden, source.resolve("events.txt"), StandardCopyOption.ATOMIC_MOVE);
            stream.await("every record", Duration.ofMinutes(2),
                    () -> StreamOutputs.lines(out).size() + StreamOutputs.lines(errOut).size() >= records);
            stream.terminate();
            assertEquals(0, stream.waitFor(Duration.ofMinutes(1)), stream.tail());
            log = stream.log();
        }
        return new Written(StreamOutputs.lines(out), StreamOutputs.lines(errOut), log);
    }

    /** A file of events, appearing in the source directory whole (written under a hidden name, then renamed). */
    static void drop(Path source, String name, List<String> events) throws Exception {
        Path hidden = Files.write(source.resolve("." + name + ".tmp"), events);
        Files.move(hidden, source.resolve(name + ".txt"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits (two minutes at most) for the output record of the event with id {@code id} in {@code out}. */
    static JsonNode awaitRecord(JvmProcess stream, Path out, String id) throws InterruptedException {
        stream.await("the record of event " + id, Duration.ofMinutes(2),
                () -> StreamOutputs.read(out).stream().anyMatch(r -> id.equals(StreamOutputs.id(r))));
        return StreamOutputs.read(out).stream().filter(r -> id.equals(StreamOutputs.id(r))).findFirst().orElseThrow();
    }
}
