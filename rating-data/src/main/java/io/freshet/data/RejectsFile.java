package io.freshet.data;

import io.freshet.store.FsErrorGuard;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The tolerated bad lines of one read, one per line: {@code FILE:LINE: field FIELD: REASON<TAB>RAW LINE}
 * (UTF-8; replaced on every read, so it is empty after a clean one).
 */
final class RejectsFile {
    private RejectsFile() {
    }

    static void write(String rejectsPath, List<BadLine> lines, Configuration conf) {
        Path path = new Path(rejectsPath);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                FsErrorGuard.of(path.getFileSystem(conf).create(path, true), path), StandardCharsets.UTF_8))) {
            for (BadLine line : lines) {
                out.write(line.rejectsLine());
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejects file " + rejectsPath + ": " + e.getMessage(), e);
        }
    }
}
