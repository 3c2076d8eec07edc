package io.freshet.store;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system (checksums, .crc side files and all) except that it does not set
 * permissions: without Hadoop's native library every created file forks a {@code chmod} process, which
 * made most of the local tests' time. File permissions are not what the store tests check.
 * Register it with {@code fs.file.impl} and {@code fs.file.impl.disable.cache=true}.
 */
public class QuietLocalFileSystem extends LocalFileSystem {
    public QuietLocalFileSystem() {
        super(new RawLocalFileSystem() {
            @Override
            public void setPermission(Path p, FsPermission permission) {
                // deliberately nothing: see the class comment
            }
        });
    }
}
