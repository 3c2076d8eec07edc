package io.freshet.trainer;

/** Entry point of trainer-cli: parse, build, run. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Trainer.commandLine().execute(args));
    }
}
