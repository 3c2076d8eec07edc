package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit of 60 ALS iterations through bin/trainer: without checkpoints (--checkpoint-interval -1) it overflows the
 * stack serializing its tasks, as Spark's ALS does without a checkpoint directory; with the default (a scratch
 * directory in the store, every 10 iterations) it publishes, and leaves no scratch directory behind.
 */
@Tag("slow")
class AlsCheckpointIT {
    @TempDir
    Path dir;

    @Test
    void sixtyIterationsOverflowWithoutCheckpointsAndPublishWithTheDefault() throws Exception {
        Path ratings = dir.resolve("ratings.dat");
        assertEquals(0, CliRun.trainer("generate", "--users", "500", "--items", "200", "--ratings", "20000", "--out",
                ratings.toString()).code());

        Scripts.Result without = fit(dir.resolve("store-off"), ratings, "--checkpoint-interval", "-1");
        assertNotEquals(0, without.code(), without.toString());
        assertTrue(without.err().contains("StackOverflowError"), without.toString());

        Path store = dir.resolve("store");
        Scripts.Result with = fit(store, ratings);
        assertEquals(0, with.code(), with.toString());
        VersionId published = ModelStore.open(store.toString(), new Configuration()).current().orElseThrow();
        assertEquals(60, ModelStore.open(store.toString(), new Configuration()).manifest(published).als().maxIter());
        assertEquals(List.of(), names(store.resolve("_tmp")).stream().filter(n -> n.startsWith("als-checkpoints"))
                .toList(), "the scratch directory and its lease are gone");
    }

    private static Scripts.Result fit(Path store, Path ratings, String... extra) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Scripts.root().resolve("bin/trainer").toString(),
                "fit", "--store", store.toString(), "--input", ratings.toString(), "--master", "local[1]",
                "--rank", "4", "--iterations", "60", "--holdout", "0"));
        command.addAll(List.of(extra));
        return Scripts.run(java.util.Map.of(), command.toArray(String[]::new));
    }

    private static List<String> names(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
