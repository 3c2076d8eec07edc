package io.freshet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code --log-format text|json}, taken by every subcommand, defaulting to $FRESHET_LOG_FORMAT: applied as soon as
 * it is parsed, before the command logs anything (CliLogging). A bad value, from either, is a usage error naming it.
 */
public final class LogFormatOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            defaultValue = "${env:" + CliLogging.ENV + "}",
            description = "Log lines on stderr as text, or as json: one JSON object a line (time, level, logger, "
                    + "message, thread, exception). Default: $" + CliLogging.ENV + ", else text.")
    void logFormat(String value) {
        if (value == null) {
            return;
        }
        try {
            CliLogging.use(LogFormat.of(value, "--log-format (or $" + CliLogging.ENV + ")"));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
        }
    }
}
