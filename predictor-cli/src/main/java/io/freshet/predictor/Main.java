package io.freshet.predictor;

/** Entry point of predictor-cli (also the --class for spark-submit): parse, build, run. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Predictor.commandLine().execute(args));
    }
}
