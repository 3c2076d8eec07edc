package io.freshet.cli;

import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command turns its option values into settings: the settings' constructors refuse bad values with
 * IllegalArgumentException naming the option, which becomes picocli's ParameterException here (exit 2, the message
 * and the usage hint), so that an IllegalArgumentException anywhere else stays what it is, an internal error (exit 1).
 */
public final class OptionCheck {
    private OptionCheck() {
    }

    /** {@code build()}, with an IllegalArgumentException it throws reported as a bad option value of {@code spec}. */
    public static <T> T of(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Runs {@code check}, with an IllegalArgumentException it throws reported as a bad option value of {@code spec}. */
    public static void run(CommandSpec spec, Runnable check) {
        of(spec, () -> {
            check.run();
            return null;
        });
    }
}
