package io.freshet.trainer;

import io.freshet.trainer.metrics.MetricsTextFile;
import io.freshet.trainer.metrics.RunReport;
import io.freshet.trainer.metrics.TrainerMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --metrics-file PATH}: where a run leaves its Prometheus textfile (docs/operations.md). Its directory must
 * exist and be writable, checked before the run starts, so that a run is not spent on a file it cannot write.
 */
final class MetricsFileOption {
    @Option(names = "--metrics-file", paramLabel = "PATH",
            description = "Write the run's metrics here in the Prometheus text format, for the node exporter's "
                    + "textfile collector (replaced atomically; also after a failed run). See docs/operations.md.")
    Path path;

    /** The textfile asked for, if any; IllegalArgumentException naming the option when its directory cannot take it. */
    Optional<MetricsTextFile> file() {
        if (path == null) {
            return Optional.empty();
        }
        MetricsTextFile file = new MetricsTextFile(path);
        Path dir = file.path().getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--metrics-file " + path + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("--metrics-file " + path + ": directory " + dir + " is not writable");
        }
        if (Files.isDirectory(file.path())) {
            throw new IllegalArgumentException("--metrics-file " + path + " is a directory");
        }
        return Optional.of(file);
    }

    /**
     * Writes {@code report} into {@code file}. A file that cannot be written is logged as an error and does not
     * change the run's exit code: the run's own outcome stands, and the file's last-run time goes stale.
     */
    static void write(MetricsTextFile file, RunReport report) {
        try {
            file.write(TrainerMetrics.of(report));
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(MetricsFileOption.class).error("cannot write the metrics file {}: {}", file.path(),
                    e.getMessage());
        }
    }
}
