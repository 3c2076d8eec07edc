package io.freshet.data;

import io.freshet.BadInputException;
import io.freshet.Sha256;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the files of an input path (a file, or a directory read recursively, skipping names that start
 * with '.' or '_', such as {@code _SUCCESS} and {@code .crc} files) and fingerprints them. Only metadata is
 * read here.
 */
final class InputFiles {
    private InputFiles() {
    }

    /** The files, sorted by path; BadInputException when the path does not exist or holds no files. */
    static List<InputFile> list(String inputPath, Configuration conf) {
        Path path = new Path(inputPath);
        try {
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(path);
            List<InputFile> files = new ArrayList<>();
            if (status.isDirectory()) {
                addDirectory(fs, status.getPath(), files);
            } else {
                files.add(of(status));
            }
            if (files.isEmpty()) {
                throw new BadInputException("no input files in " + status.getPath()
                        + " (names starting with '.' or '_' are skipped)");
            }
            files.sort(Comparator.comparing(InputFile::path));
            return List.copyOf(files);
        } catch (FileNotFoundException e) {
            throw new BadInputException("input path " + inputPath + " does not exist", e);
        } catch (IOException e) {
            throw new BadInputException("cannot list input path " + inputPath + ": " + e.getMessage(), e);
        }
    }

    private static void addDirectory(FileSystem fs, Path dir, List<InputFile> files) throws IOException {
        for (FileStatus child : fs.listStatus(dir)) {
            String name = child.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (child.isDirectory()) {
                addDirectory(fs, child.getPath(), files);
            } else {
                files.add(of(child));
            }
        }
    }

    private static InputFile of(FileStatus status) {
        return new InputFile(status.getPath().toString(), status.getLen(), status.getModificationTime());
    }

    /** sha256 hex over the sorted (path, length, modification time) of the files. */
    static String fingerprint(List<InputFile> files) {
        StringBuilder listing = new StringBuilder();
        files.stream().sorted(Comparator.comparing(InputFile::path)).forEach(file -> listing.append(file.path())
                .append('\t').append(file.length()).append('\t').append(file.modificationTime()).append('\n'));
        return Sha256.hex(listing.toString().getBytes(StandardCharsets.UTF_8));
    }
}
