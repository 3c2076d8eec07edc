package io.freshet.cli;

import io.freshet.store.FsErrorGuard;
import java.io.PrintWriter;
import org.apache.hadoop.fs.FSError;
import picocli.CommandLine;

/**
 * Reports a failed command: one clear line on stderr ("trainer: error: ..."), the stack trace only with
 * --verbose, and the exit code from {@link ExitCode}. The only place that turns exceptions into exit codes.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        String root = cmd.getCommandSpec().root().name();
        err.println(root + ": error: " + describe(e));
        if (verbose(parseResult)) {
            e.printStackTrace(err);
        } else if (ExitCode.of(e) == ExitCode.INTERNAL) {
            err.println(root + ": run again with --verbose for the stack trace");
        }
        err.flush();
        return getExitCode(e);
    }

    @Override
    public int getExitCode(Throwable e) {
        return ExitCode.of(e);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return ExitCode.of(e) == ExitCode.INTERNAL ? e.getClass().getSimpleName() + ": " + message : message;
    }

    private static boolean verbose(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code cmd} and returns its exit code. picocli hands only Exceptions to the handler; Hadoop's local file
     * system reports a failed write (a full disk) as the Error FSError, which would otherwise end the program with a
     * stack trace and exit 1. Caught here last, it is reported like any store failure: one line, exit 4.
     */
    public static int execute(CommandLine cmd, String... args) {
        try {
            return cmd.execute(args);
        } catch (FSError e) {
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandSpec().name() + ": error: the local file system failed to write: "
                    + FsErrorGuard.reason(e) + " (a full disk?)");
            err.flush();
            return ExitCode.of(e);
        }
    }

    /** Applies the shared error handling and conventions to a command line. */
    public static CommandLine configure(CommandLine cmd) {
        ErrorReporter reporter = new ErrorReporter();
        return cmd.setExecutionExceptionHandler(reporter)
                .setExitCodeExceptionMapper(reporter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }
}
