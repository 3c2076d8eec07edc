package io.freshet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * For each CLI's tests: a bug deep inside a command (an IllegalArgumentException that no option caused) exits with
 * the internal-error code and the --verbose hint, not with the usage code.
 */
public final class InternalErrorCheck {
    private InternalErrorCheck() {
    }

    /** A subcommand with a bug. */
    @CommandLine.Command(name = "buggy")
    static final class Buggy implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalArgumentException("index 7 out of range");
        }
    }

    /** Adds a buggy subcommand to {@code cli} (built by the CLI's own factory), runs it and checks the outcome. */
    public static void assertBugsAreInternalErrors(CommandLine cli) {
        CommandLine cmd = cli.addSubcommand(new Buggy());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));

        assertEquals(ExitCode.INTERNAL, cmd.execute("buggy"));
        assertTrue(err.toString().contains("IllegalArgumentException: index 7 out of range")
                && err.toString().contains("--verbose"), err.toString());
    }
}
