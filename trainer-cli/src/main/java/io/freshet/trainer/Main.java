package io.freshet.trainer;

import io.freshet.cli.ErrorReporter;
import io.freshet.cli.ProgramExit;
import org.apache.spark.SparkUserAppException;

/** Entry point of trainer-cli: parse, build, run. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws SparkUserAppException {
        ProgramExit.exit(ErrorReporter.execute(Trainer.commandLine(), args));
    }
}
