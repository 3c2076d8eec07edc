package io.freshet.cli;

import java.io.PrintWriter;
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

    /** Applies the shared error handling and conventions to a command line. */
    public static CommandLine configure(CommandLine cmd) {
        ErrorReporter reporter = new ErrorReporter();
        return cmd.setExecutionExceptionHandler(reporter)
                .setExitCodeExceptionMapper(reporter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }
}
