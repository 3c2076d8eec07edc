package io.freshet.trainer.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A Prometheus textfile for the node exporter's textfile collector, written the way it asks: in the Prometheus
 * text format, to a temporary file in the same directory (a dot-name not ending in {@code .prom}, which the
 * collector skips), readable by all, then renamed over the target, so a scrape reads the old file or the new one,
 * never half of one.
 */
public final class MetricsTextFile {
    private final Path target;

    public MetricsTextFile(Path target) {
        this.target = target.toAbsolutePath();
    }

    public Path path() {
        return target;
    }

    /** Replaces the file with {@code metrics}; IOException naming nothing more than the JDK's own message. */
    public void write(MetricSnapshots metrics) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                PrometheusTextFormatWriter.create().write(out, metrics);
            }
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
