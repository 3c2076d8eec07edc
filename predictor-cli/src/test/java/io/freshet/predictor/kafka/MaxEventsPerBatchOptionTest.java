package io.freshet.predictor.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.predictor.Predictor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --max-events-per-batch} is checked before anything starts: Kafka sources only, positive. */
class MaxEventsPerBatchOptionTest {
    @TempDir
    Path dir;

    @Test
    void isRejectedAsUsageErrorWithASocketSource() {
        StringWriter err = new StringWriter();
        int exit = run(err, "--source", "socket://127.0.0.1:9999", "--max-events-per-batch", "100");
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("--max-events-per-batch applies to kafka:// sources only, got SOCKET"),
                err.toString());
    }

    @Test
    void isRejectedAsUsageErrorWhenNegative() {
        StringWriter err = new StringWriter();
        int exit = run(err, "--source", "kafka://127.0.0.1:9092/events", "--sink", "kafka://127.0.0.1:9092/recs",
                "--errors", "kafka://127.0.0.1:9092/errors", "--checkpoint", dir.resolve("cp").toString(),
                "--max-events-per-batch", "-5");
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("--max-events-per-batch must be a number of events (0: no bound), got -5"),
                err.toString());
    }

    private int run(StringWriter err, String... args) {
        CommandLine cmd = Predictor.commandLine().setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "stream";
        all[1] = "--store";
        all[2] = dir.resolve("store").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cmd.execute(all);
    }
}
