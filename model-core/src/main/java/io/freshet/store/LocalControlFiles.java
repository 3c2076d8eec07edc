package io.freshet.store;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * Control files on the local file system through java.nio: {@code CREATE_NEW} is one atomic system call,
 * and {@code ATOMIC_MOVE} with {@code REPLACE_EXISTING} is rename(2), which replaces the target in one step.
 * No Hadoop {@code .crc} side file is written, and one left by a Hadoop writer goes when the file is
 * replaced or deleted.
 */
final class LocalControlFiles implements ControlFiles {

    @Override
    public Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(local(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean createExclusive(Path file, byte[] content) {
        java.nio.file.Path target = local(file);
        try {
            Files.createDirectories(target.getParent());
            write(target, content);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new StoreException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void replace(Path target, Path temp, byte[] content) {
        java.nio.file.Path localTemp = local(temp);
        try {
            Files.createDirectories(localTemp.getParent());
            write(localTemp, content);
            Files.move(localTemp, local(target), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(checksumSideFile(target));
        } catch (IOException e) {
            StoreException failure = new StoreException(
                    "cannot replace " + target + " with " + temp + ": " + e.getMessage(), e);
            try {
                Files.deleteIfExists(localTemp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** The whole temporary file, hard-linked as the target (link(2) fails when the target exists), then unlinked. */
    @Override
    public boolean createNew(Path target, Path temp, byte[] content) {
        java.nio.file.Path localTemp = local(temp);
        java.nio.file.Path localTarget = local(target);
        try {
            Files.createDirectories(localTemp.getParent());
            Files.createDirectories(localTarget.getParent());
            write(localTemp, content);
            try {
                Files.createLink(localTarget, localTemp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(localTemp);
            }
        } catch (IOException e) {
            StoreException failure = new StoreException("cannot create " + target + " from " + temp + ": "
                    + e.getMessage(), e);
            try {
                Files.deleteIfExists(localTemp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    @Override
    public boolean delete(Path file) {
        try {
            Files.deleteIfExists(checksumSideFile(file));
            return Files.deleteIfExists(local(file));
        } catch (IOException e) {
            throw new StoreException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates the file (failing if it exists), writes it and forces it to disk before closing. */
    private static void write(java.nio.file.Path file, byte[] content) throws IOException {
        boolean created = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            created = true;
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            if (created) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /**
     * The {@code .NAME.crc} that Hadoop's LocalFileSystem keeps beside a file it wrote. A file replaced
     * here would no longer match it, and Hadoop would refuse to read the file, so it goes.
     */
    private static java.nio.file.Path checksumSideFile(Path path) {
        return local(new Path(path.getParent(), "." + path.getName() + ".crc"));
    }

    private static java.nio.file.Path local(Path path) {
        return new File(path.toUri().getPath()).toPath();
    }
}
