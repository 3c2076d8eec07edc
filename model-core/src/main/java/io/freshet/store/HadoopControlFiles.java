package io.freshet.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.ipc.RemoteException;

/**
 * Control files through Hadoop: {@code create(path, false)}, which the HDFS NameNode performs atomically,
 * and {@link FileContext#rename(Path, Path, Options.Rename...)} with {@code OVERWRITE}, which on HDFS is
 * one atomic NameNode operation (rename2). Other file systems get whatever their FileContext binding does;
 * docs/store-format.md says which are atomic.
 */
final class HadoopControlFiles implements ControlFiles {
    /** What HDFS answers instead of FileAlreadyExistsException while the file is still being written. */
    private static final String BEING_CREATED = "org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException";

    private final FileSystem fs;
    private final Configuration conf;
    private FileContext fileContext;

    HadoopControlFiles(FileSystem fs, Configuration conf) {
        this.fs = fs;
        this.conf = conf;
    }

    @Override
    public Optional<byte[]> read(Path file) {
        try (InputStream in = fs.open(file)) {
            return Optional.of(in.readAllBytes());
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean createExclusive(Path file, byte[] content) {
        OutputStream out;
        try {
            out = fs.create(file, false);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (RemoteException e) {
            if (BEING_CREATED.equals(e.getClassName())) {
                return false;
            }
            throw new StoreException("cannot create " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot create " + file + ": " + e.getMessage(), e);
        }
        write(file, out, content);
        return true;
    }

    @Override
    public void replace(Path target, Path temp, byte[] content) {
        FileContext context;
        try {
            write(temp, fs.create(temp, false), content);
            context = fileContext();
        } catch (IOException | StoreException e) {
            StoreException failure = new StoreException(
                    "cannot replace " + target + " with " + temp + ": " + e.getMessage(), e);
            deleteAfterFailure(temp, failure);
            throw failure;
        }
        try {
            context.rename(temp, target, Options.Rename.OVERWRITE);
        } catch (IOException e) {
            try {
                RenameOutcome.settle(fs, temp, target, e, "replacing " + target.getName());
            } catch (OutcomeUnknownException unknown) {
                throw unknown;
            } catch (StoreException failure) {
                deleteAfterFailure(temp, failure);
                throw failure;
            }
        }
    }

    /**
     * The whole temporary file, then FileContext's rename without OVERWRITE (on HDFS one NameNode operation that fails
     * with FileAlreadyExistsException when the target exists). A rename that threw is settled as for CURRENT.
     */
    @Override
    public boolean createNew(Path target, Path temp, byte[] content) {
        FileContext context;
        try {
            write(temp, fs.create(temp, false), content);
            if (!fs.mkdirs(target.getParent())) {
                throw new StoreException("cannot create " + target.getParent() + ": mkdirs returned false");
            }
            context = fileContext();
        } catch (IOException | StoreException e) {
            StoreException failure = new StoreException("cannot create " + target + " from " + temp + ": "
                    + e.getMessage(), e);
            deleteAfterFailure(temp, failure);
            throw failure;
        }
        try {
            context.rename(temp, target);
            return true;
        } catch (FileAlreadyExistsException e) {
            delete(temp);
            return false;
        } catch (IOException e) {
            try {
                RenameOutcome.settle(fs, temp, target, e, "creating " + target.getName());
                return true;
            } catch (OutcomeUnknownException unknown) {
                throw unknown;
            } catch (StoreException failure) {
                deleteAfterFailure(temp, failure);
                throw failure;
            }
        }
    }

    @Override
    public boolean delete(Path file) {
        try {
            return fs.delete(file, false);
        } catch (IOException e) {
            throw new StoreException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes and closes {@code out}; on failure the half-written file is deleted. */
    private void write(Path file, OutputStream out, byte[] content) {
        try (out) {
            out.write(content);
        } catch (IOException e) {
            StoreException failure = new StoreException("cannot write " + file + ": " + e.getMessage(), e);
            deleteAfterFailure(file, failure);
            throw failure;
        }
    }

    private void deleteAfterFailure(Path file, StoreException failure) {
        try {
            fs.delete(file, false);
        } catch (IOException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /** Made on first use: building it may fail for a scheme without a FileContext binding. */
    private synchronized FileContext fileContext() throws IOException {
        if (fileContext == null) {
            fileContext = FileContext.getFileContext(fs.getUri(), conf);
        }
        return fileContext;
    }
}
