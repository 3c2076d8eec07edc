package io.freshet.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code faulty://}, with switches that make one operation fail
 * the way real file systems do. Register it with {@code fs.faulty.impl} (and
 * {@code fs.faulty.impl.disable.cache=true}); {@link FaultyFs} is its FileContext binding.
 * The switches are static so that the FileSystem and FileContext instances share them; reset them
 * after each test.
 */
public class FaultyFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "faulty";

    /**
     * One fault at a time, applied to files or directories named exactly as given, or starting with it and
     * a dot ({@code CURRENT} matches the pointer's temporary {@code CURRENT.1a2b3c4d}).
     */
    public enum Fault {
        NONE,
        /** {@code create} of the named file throws. */
        CREATE_THROWS,
        /** Writing to the named file throws (a full disk, a lost datanode). */
        WRITE_THROWS,
        /** The named file silently keeps only the first half of what is written to it. */
        WRITE_TRUNCATES,
        /** Writing to the named file throws Hadoop's FSError, as the local file system does on a full disk. */
        WRITE_FS_ERROR,
        /** {@code rename} whose destination's parent has the name returns false. */
        RENAME_RETURNS_FALSE,
        /** {@code rename} whose destination's parent has the name throws. */
        RENAME_THROWS,
        /** {@code rename} whose destination's parent has the name takes effect, then throws (a lost reply). */
        RENAME_THROWS_AFTER,
        /** As RENAME_THROWS_AFTER, and from then on the file system cannot be read (until reset). */
        RENAME_THROWS_AFTER_THEN_UNREADABLE,
        /** {@code mkdirs} of the named directory returns false. */
        MKDIRS_RETURNS_FALSE
    }

    private static final AtomicReference<Fault> FAULT = new AtomicReference<>(Fault.NONE);
    private static final AtomicReference<String> TARGET = new AtomicReference<>("");
    private static final AtomicBoolean UNREADABLE = new AtomicBoolean();

    public static void inject(Fault fault, String name) {
        TARGET.set(name);
        FAULT.set(fault);
    }

    public static void reset() {
        inject(Fault.NONE, "");
        UNREADABLE.set(false);
    }

    /** A configuration under which {@code faulty://PATH} opens this file system (not cached, so faults apply). */
    public static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set("fs." + SCHEME + ".impl", FaultyFileSystem.class.getName());
        conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
        conf.set("fs.AbstractFileSystem." + SCHEME + ".impl", FaultyFs.class.getName());
        return conf;
    }

    private static boolean active(Fault fault, Path path) {
        if (FAULT.get() != fault || path == null) {
            return false;
        }
        String name = path.getName();
        return name.equals(TARGET.get()) || name.startsWith(TARGET.get() + ".");
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /** Like {@link QuietLocalFileSystem}: no chmod process per created file. */
    @Override
    public void setPermission(Path p, FsPermission permission) {
        // deliberately nothing
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        failCreate(f);
        return faultyStream(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        failCreate(f);
        return faultyStream(f, super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, EnumSet<CreateFlag> flags,
                                                 int bufferSize, short replication, long blockSize,
                                                 Progressable progress) throws IOException {
        failCreate(f);
        return faultyStream(f, super.createNonRecursive(f, permission, flags, bufferSize, replication, blockSize,
                progress));
    }

    @Override
    public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                                 short replication, long blockSize, Progressable progress)
            throws IOException {
        failCreate(f);
        return faultyStream(f, super.createNonRecursive(f, permission, overwrite, bufferSize, replication, blockSize,
                progress));
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        if (active(Fault.RENAME_THROWS, dst.getParent())) {
            throw new IOException("injected: rename of " + src + " to " + dst + " failed");
        }
        if (active(Fault.RENAME_RETURNS_FALSE, dst.getParent())) {
            return false;
        }
        boolean after = active(Fault.RENAME_THROWS_AFTER, dst.getParent());
        boolean blind = active(Fault.RENAME_THROWS_AFTER_THEN_UNREADABLE, dst.getParent());
        boolean renamed = super.rename(src, dst);
        if (after || blind) {
            UNREADABLE.set(blind);
            throw new IOException("injected: connection lost after renaming " + src + " to " + dst);
        }
        return renamed;
    }

    @Override
    public boolean exists(Path f) throws IOException {
        if (UNREADABLE.get()) {
            throw new IOException("injected: cannot reach the store to look for " + f);
        }
        return super.exists(f);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        if (UNREADABLE.get()) {
            throw new IOException("injected: cannot reach the store to read " + f);
        }
        return super.getFileStatus(f);
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        return !active(Fault.MKDIRS_RETURNS_FALSE, f) && super.mkdirs(f, permission);
    }

    @Override
    public boolean mkdirs(Path f) throws IOException {
        return !active(Fault.MKDIRS_RETURNS_FALSE, f) && super.mkdirs(f);
    }

    /**
     * Hadoop's FSError around an IOException with {@code reason}, as RawLocalFileSystem throws when a write fails; its
     * constructor is package-private, so it is made by reflection.
     */
    public static FSError fsError(String reason) {
        try {
            Constructor<FSError> c = FSError.class.getDeclaredConstructor(Throwable.class);
            c.setAccessible(true);
            return c.newInstance(new IOException(reason));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make an FSError", e);
        }
    }

    private static void failCreate(Path f) throws IOException {
        if (active(Fault.CREATE_THROWS, f)) {
            throw new IOException("injected: cannot create " + f);
        }
    }

    private FSDataOutputStream faultyStream(Path f, FSDataOutputStream real) throws IOException {
        if (active(Fault.WRITE_THROWS, f)) {
            return new FSDataOutputStream(new FilterOutputStream(real) {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("injected: writing " + f + " failed");
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    throw new IOException("injected: writing " + f + " failed");
                }
            }, statistics);
        }
        if (active(Fault.WRITE_FS_ERROR, f)) {
            return new FSDataOutputStream(new FilterOutputStream(real) {
                @Override
                public void write(int b) {
                    throw fsError("No space left on device");
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    throw fsError("No space left on device");
                }
            }, statistics);
        }
        if (active(Fault.WRITE_TRUNCATES, f)) {
            return new FSDataOutputStream(new FilterOutputStream(real) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    real.write(b, off, len / 2);
                }
            }, statistics);
        }
        return real;
    }
}
