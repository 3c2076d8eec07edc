package io.freshet.predictor;

import io.freshet.cli.ErrorReporter;
import io.freshet.cli.ProgramExit;
import org.apache.spark.SparkUserAppException;

/** Entry point of predictor-cli (also the --class for spark-submit): parse, build, run. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws SparkUserAppException {
        ProgramExit.exit(ErrorReporter.execute(Predictor.commandLine(), args));
    }
}
