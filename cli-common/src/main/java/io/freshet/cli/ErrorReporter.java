package io.freshet.cli;

import io.freshet.store.FsErrorGuard;
import java.io.PrintWriter;
import org.apache.hadoop.fs.FSError;
import picocli.CommandLine;

/**
 * Reports a failed command: one clear line on stderr ("trainer: error: ..."), the stack trace only with
 * --verbose, and the exit code from {@link ExitCode}. The only place that turns exceptions into exit codes. With
 * JSON logs (--log-format json) the line is a log event instead, level ERROR, logger the command's class, the stack
 * trace its exception, so that stderr holds nothing but JSON lines.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        boolean verbose = verbose(parseResult);
        String hint = !verbose && ExitCode.of(e) == ExitCode.INTERNAL ? "run again with --verbose for the stack trace"
                : null;
        report(cmd, describe(e), hint, verbose ? e : null);
        return getExitCode(e);
    }

    @Override
    public int getExitCode(Throwable e) {
        return ExitCode.of(e);
    }

    /** One error: {@code ROOT: error: MESSAGE}, the stack trace, {@code ROOT: HINT}; or one JSON log event. */
    private static void report(CommandLine cmd, String message, String hint, Throwable trace) {
        if (CliLogging.active() == LogFormat.JSON) {
            CliLogging.logger(cmd.getCommandSpec()).error(hint == null ? message : message + " (" + hint + ")", trace);
            return;
        }
        String root = cmd.getCommandSpec().root().name();
        PrintWriter err = cmd.getErr();
        err.println(root + ": error: " + message);
        if (trace != null) {
            trace.printStackTrace(err);
        }
        if (hint != null) {
            err.println(root + ": " + hint);
        }
        err.flush();
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
            report(cmd, "the local file system failed to write: " + FsErrorGuard.reason(e) + " (a full disk?)", null,
                    null);
            return ExitCode.of(e);
        }
    }

    /** A bad command line: picocli's message and usage, or with JSON logs one ERROR event naming the help. */
    private static int badCommandLine(CommandLine.IParameterExceptionHandler text, CommandLine.ParameterException e,
                                      String[] args) throws Exception {
        if (CliLogging.active() != LogFormat.JSON) {
            return text.handleParseException(e, args);
        }
        CommandLine cmd = e.getCommandLine();
        report(cmd, e.getMessage(), "see '" + cmd.getCommandSpec().qualifiedName() + " --help'", null);
        return ExitCode.USAGE;
    }

    /** Applies the shared error handling and conventions to a command line. */
    public static CommandLine configure(CommandLine cmd) {
        ErrorReporter reporter = new ErrorReporter();
        CommandLine.IParameterExceptionHandler text = cmd.getParameterExceptionHandler();
        return cmd.setExecutionExceptionHandler(reporter)
                .setParameterExceptionHandler((e, args) -> badCommandLine(text, e, args))
                .setExitCodeExceptionMapper(reporter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }
}
