package io.freshet.cli;

import picocli.CommandLine.Option;

/** {@code -v/--verbose}: stack traces on errors. */
public final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Print stack traces on errors.")
    boolean verbose;
}
