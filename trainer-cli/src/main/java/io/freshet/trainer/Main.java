package io.freshet.trainer;

import io.freshet.cli.ErrorReporter;

/** Entry point of trainer-cli: parse, build, run. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ErrorReporter.execute(Trainer.commandLine(), args));
    }
}
