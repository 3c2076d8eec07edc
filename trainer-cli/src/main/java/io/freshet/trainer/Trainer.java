package io.freshet.trainer;

import io.freshet.cli.ErrorReporter;
import io.freshet.cli.LogFormatOption;
import io.freshet.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trainer} command and the one factory that builds it, used by {@link Main} and by the tests. */
@Command(name = "trainer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Fits Spark ALS models and publishes them to a Freshet model store.",
        subcommands = {FitCommand.class, TuneCommand.class, ListCommand.class, ShowCommand.class, RollbackCommand.class,
                PinCommand.class, UnpinCommand.class, HistoryCommand.class, PruneCommand.class, GenerateCommand.class,
                AvailabilityCommand.class},
        exitCodeListHeading = "%nExit codes (docs/exit-codes.md):%n",
        exitCodeList = {"0:success", "1:unexpected error", "2:usage", "3:bad input data", "4:store unreachable or not writable",
                "5:store lock held by another trainer", "6:quality gate refused the model", "7:corrupt or unservable version",
                "8:no such version", "9:published, not promoted: the pointer moved meanwhile",
                "10:version too large for this JVM", "11:outcome of a rename unknown", "12:the pointer is pinned"})
public final class Trainer implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    /** --log-format, taken by every subcommand. */
    @CommandLine.Mixin
    LogFormatOption logFormat;

    public static CommandLine commandLine() {
        return ErrorReporter.configure(new CommandLine(new Trainer()));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

}
