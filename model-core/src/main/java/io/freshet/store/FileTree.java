package io.freshet.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Every file below a directory, found with plain {@code listStatus} calls. Unlike
 * {@code FileSystem.listFiles}, it asks for no block locations (HDFS) and no permissions (the local file
 * system forks {@code ls} for each file's permissions when Hadoop's native library is missing).
 */
final class FileTree {
    private FileTree() {
    }

    /** The files (not directories) below {@code dir}, depth first; FileNotFoundException when it is gone. */
    static List<FileStatus> files(FileSystem fs, Path dir) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        collect(fs, dir, files);
        return files;
    }

    private static void collect(FileSystem fs, Path dir, List<FileStatus> files) throws IOException {
        for (FileStatus entry : fs.listStatus(dir)) {
            if (entry.isDirectory()) {
                collect(fs, entry.getPath(), files);
            } else {
                files.add(entry);
            }
        }
    }
}
