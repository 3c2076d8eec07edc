package io.freshet.trainer;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the trainer exactly as a user runs it (the same factory as main), with its exit code and output. */
record CliRun(int code, String out, String err) {
    static CliRun trainer(String... args) {
        CommandLine cmd = Trainer.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** {@code trainer generate ARGS --out DIR/ratings.dat}, asserted to succeed; returns the rating file. */
    static java.nio.file.Path generated(java.nio.file.Path dir, String... args) {
        java.nio.file.Path ratings = dir.resolve("ratings.dat");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("generate"));
        command.addAll(java.util.List.of(args));
        command.addAll(java.util.List.of("--out", ratings.toString()));
        CliRun r = trainer(command.toArray(String[]::new));
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.toString());
        return ratings;
    }

    @Override
    public String toString() {
        return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
