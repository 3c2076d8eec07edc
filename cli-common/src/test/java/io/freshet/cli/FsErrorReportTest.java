package io.freshet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FSError;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Hadoop's FSError (a full local disk) escaping a command is one line on stderr and exit 4, not a stack trace and 1. */
class FsErrorReportTest {
    @CommandLine.Command(name = "trainer")
    static final class FullDisk implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Constructor<FSError> c = FSError.class.getDeclaredConstructor(Throwable.class);
            c.setAccessible(true); // package-private: Hadoop makes it in RawLocalFileSystem's output stream
            throw c.newInstance(new IOException("No space left on device"));
        }
    }

    @Test
    void anFsErrorIsReportedInOneLineWithTheStoreExitCode() {
        StringWriter err = new StringWriter();
        CommandLine cmd = ErrorReporter.configure(new CommandLine(new FullDisk())).setErr(new PrintWriter(err));

        assertEquals(ExitCode.STORE, ErrorReporter.execute(cmd));
        assertTrue(err.toString().startsWith("trainer: error: the local file system failed to write: "
                + "No space left on device"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
