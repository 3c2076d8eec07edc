package io.freshet.predictor;

import io.freshet.cli.ErrorReporter;

/** Entry point of predictor-cli (also the --class for spark-submit): parse, build, run. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ErrorReporter.execute(Predictor.commandLine(), args));
    }
}
