package io.freshet.data;

import io.freshet.BadInputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Reads the start of one input file on the driver: its magic bytes, or its first lines (decompressed). */
final class FileHead {
    /** The longest first line read; the rest of a longer line is ignored. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private FileHead() {
    }

    /** Up to {@code count} raw bytes from the start of the file. */
    static byte[] firstBytes(InputFile file, int count, Configuration conf) {
        Path path = new Path(file.path());
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            return in.readNBytes(count);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** The first line, without its line end or a UTF-8 byte order mark; "" for an empty file. */
    static String firstLine(InputFile file, Configuration conf) {
        List<String> lines = firstLines(file, 1, conf);
        return lines.isEmpty() ? "" : lines.get(0);
    }

    /**
     * Up to {@code count} first lines (LF, CR or CRLF ends, the first without a UTF-8 byte order mark), the last
     * of them cut at {@link #MAX_LINE_BYTES} when it is that long; none for an empty file.
     */
    static List<String> firstLines(InputFile file, int count, Configuration conf) {
        Path path = new Path(file.path());
        try (InputStream raw = path.getFileSystem(conf).open(path);
             InputStream in = new BufferedInputStream(decompressed(path, raw, conf))) {
            List<String> lines = new ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b = in.read();
            while (b >= 0 && lines.size() < count) {
                line.reset();
                while (b >= 0 && b != '\n' && b != '\r' && line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                    b = in.read();
                }
                String text = line.toString(StandardCharsets.UTF_8);
                lines.add(lines.isEmpty() && text.startsWith("\uFEFF") ? text.substring(1) : text);
                if (line.size() == MAX_LINE_BYTES) {
                    break; // a line this long is no rating line: what follows is not read
                }
                if (b == '\r') {
                    b = in.read();
                    if (b == '\n') {
                        b = in.read();
                    }
                } else if (b == '\n') {
                    b = in.read();
                }
            }
            return lines;
        } catch (IOException e) {
            throw new BadInputException("cannot read the first lines of " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private static InputStream decompressed(Path path, InputStream raw, Configuration conf) throws IOException {
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
        return codec == null ? raw : codec.createInputStream(raw);
    }
}
