package io.freshet.data;

import java.io.Serializable;
import java.util.Objects;

/**
 * One input file as listed.
 *
 * @param path             fully qualified path
 * @param length           size in bytes
 * @param modificationTime modification time in ms since the epoch, as the file system reports it
 */
record InputFile(String path, long length, long modificationTime) implements Serializable {
    InputFile {
        Objects.requireNonNull(path, "input file path");
        if (length < 0) {
            throw new IllegalArgumentException("input file length must be >= 0, got " + length + " for " + path);
        }
    }

    String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
