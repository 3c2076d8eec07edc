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

    /** Generated ratings written to {@code out} by {@code trainer generate}; fails the test when it fails. */
    static java.nio.file.Path generate(java.nio.file.Path out, int users, int items, int ratings, long seed) {
        CliRun r = trainer("generate", "--users", Integer.toString(users), "--items", Integer.toString(items),
                "--ratings", Integer.toString(ratings), "--seed", Long.toString(seed), "--out", out.toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.toString());
        return out;
    }

    @Override
    public String toString() {
        return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
