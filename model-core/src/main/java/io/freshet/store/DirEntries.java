package io.freshet.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Lists a store directory: a directory not made yet lists as empty; any other failure names the directory. */
final class DirEntries {
    private DirEntries() {
    }

    static FileStatus[] of(FileSystem fs, Path dir) {
        try {
            return fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        } catch (IOException e) {
            throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
