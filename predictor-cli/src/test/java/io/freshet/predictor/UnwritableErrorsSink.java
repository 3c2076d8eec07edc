package io.freshet.predictor;

import io.freshet.store.ModelStore;
import io.freshet.testing.ModelFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A directory stream whose error sink can never be written: a store with a current version, an empty source
 * directory, an output directory, and a regular file where the errors directory should be (unwritable even for
 * root). {@link #arrive()} moves in one file that makes a batch with outputs and one malformed event.
 */
record UnwritableErrorsSink(Path store, Path source, Path out, Path errors) {
    static UnwritableErrorsSink in(Path dir) throws IOException {
        Path store = dir.resolve("store");
        ModelFixtures.publishCurrent(ModelStore.open(store.toString(), new Configuration()),
                ModelFixtures.random(20, 10, 4, 3, 1));
        Path errors = dir.resolve("errors");
        Files.writeString(errors, "a file where the errors directory should be: unwritable even for root");
        return new UnwritableErrorsSink(store, Files.createDirectories(dir.resolve("source")), dir.resolve("out"), errors);
    }

    /** The stream's options: this store, source and sinks, half-second batches, two quick retries. */
    List<String> streamArgs() {
        return List.of("stream", "--store", store.toString(), "--source", "dir:" + source, "--sink", "dir:" + out,
                "--errors", "dir:" + errors, "--batch-interval", "0.5", "--sink-retries", "2",
                "--sink-retry-backoff", "0.01");
    }

    /** One file, moved in whole once the stream runs. */
    void arrive() throws IOException {
        Path hidden = Files.write(source.resolve(".events.tmp"), List.of("1", "2,3", "{\"user\":\"x\"}", "4"));
        Files.move(hidden, source.resolve("events.txt"), StandardCopyOption.ATOMIC_MOVE);
    }
}
