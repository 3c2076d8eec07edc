package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.predictor.placement.BroadcastBudgetTest;
import io.freshet.store.ModelStore;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stream --broadcast-max-mb 0} as bin/predictor runs it ({@link DirStream}): every model is over the budget,
 * so the users are joined per batch, and the records are those {@code transform} prints for the same events, in
 * another order. About 25 s (a Spark JVM of its own): slow.
 */
@Tag("slow")
class JoinedStreamIT {
    @TempDir
    Path dir;

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    @Test
    void streamWithItsUsersJoinedWritesTheRecordsTransformPrints() throws Exception {
        Path store = dir.resolve("store");
        ModelFixtures.publishCurrent(ModelStore.open(store.toString(), new Configuration()),
                ModelFixtures.random(300, 120, 6, 5, 31));
        Path events = Files.write(dir.resolve("events.txt"), BroadcastBudgetTest.events());

        CliRun transform = CliRun.predictor("transform", "--store", store.toString(), "--input", events.toString(),
                "--top", "5");
        assertEquals(ExitCode.BAD_INPUT, transform.code(), "malformed events make transform exit 3: " + transform);
        List<String> records = transform.outLines();
        List<String> errors = transform.errLines();

        DirStream.Written stream = DirStream.run(dir, store, events, records.size() + errors.size(), "--top", "5",
                "--broadcast-max-mb", "0");
        assertTrue(stream.log().contains("over the broadcast budget of 0 bytes: items broadcast"), stream.log());
        assertEquals(sorted(records), sorted(stream.outputs()), "output records");
        assertEquals(sorted(errors), sorted(stream.errors()), "error records");
    }
}
