package io.freshet.predictor;

import io.freshet.cli.ErrorReporter;
import io.freshet.cli.LogFormatOption;
import io.freshet.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code predictor} command and the one factory that builds it, used by {@link Main} and by the tests. */
@Command(name = "predictor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Scores events with the current model of a Freshet store: streaming, or a fixed input.",
        subcommands = {StreamCommand.class, TransformCommand.class, FeedCommand.class},
        exitCodeListHeading = "%nExit codes (docs/exit-codes.md):%n",
        exitCodeList = {"0:success", "1:unexpected error", "2:usage", "3:bad input (transform: some events malformed)",
                "4:store unreachable", "7:corrupt or unservable version", "8:no servable version"})
public final class Predictor implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    /** --log-format, taken by every subcommand. */
    @CommandLine.Mixin
    LogFormatOption logFormat;

    public static CommandLine commandLine() {
        return ErrorReporter.configure(new CommandLine(new Predictor()));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

}
