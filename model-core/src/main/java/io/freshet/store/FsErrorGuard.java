package io.freshet.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.Path;

/**
 * An output stream that turns Hadoop's {@link FSError} into an IOException naming the file. Hadoop's local file
 * system reports a failed write (a full disk, an I/O error) as that Error rather than an IOException, which would
 * otherwise pass every {@code catch (IOException)} and end the program with a stack trace and no path.
 */
public final class FsErrorGuard extends FilterOutputStream {
    private final Path file;

    private FsErrorGuard(OutputStream out, Path file) {
        super(out);
        this.file = file;
    }

    public static OutputStream of(OutputStream out, Path file) {
        return new FsErrorGuard(out, file);
    }

    /** The reason an FSError gives: its cause's message ("No space left on device"), or its own. */
    public static String reason(FSError e) {
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(e.getMessage());
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (FSError e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (FSError e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (FSError e) {
            throw failed(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (FSError e) {
            throw failed(e);
        }
    }

    private IOException failed(FSError e) {
        return new IOException("writing " + file + " failed: " + reason(e), e);
    }
}
