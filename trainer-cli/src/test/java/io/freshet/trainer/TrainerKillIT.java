package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.serving.ModelLoader;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL a trainer process (bin/trainer) at points of its publishing; the store must still serve a complete
 * version, list only complete versions, and a later run must clean the leftovers and publish.
 */
@Tag("slow")
class TrainerKillIT {
    @TempDir
    static Path dir;
    static Path ratings;

    @BeforeAll
    static void generate() {
        ratings = dir.resolve("ratings.dat");
        assertEquals(0, CliRun.trainer("generate", "--users", "3000", "--items", "800", "--ratings", "120000", "--out",
                ratings.toString()).code());
    }

    /** Kill points: the version's temporary directory exists; its factor file is being written; it was renamed into place. */
    @ParameterizedTest
    @ValueSource(strings = {"temporary", "factors", "published"})
    void killDuringPublishingLeavesAServableStore(String point) throws Exception {
        Path storePath = dir.resolve("store-" + point);
        assertEquals(0, CliRun.trainer("fit", "--store", storePath.toString(), "--input", ratings.toString(),
                "--master", "local[2]", "--rank", "4", "--iterations", "2").code());
        ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
        VersionId before = store.current().orElseThrow();

        Process trainer = new ProcessBuilder(Scripts.root().resolve("bin/trainer").toString(), "fit", "--store",
                storePath.toString(), "--input", ratings.toString(), "--master", "local[2]", "--rank", "4",
                "--iterations", "2", "--seed", "9")
                .redirectErrorStream(true).redirectOutput(dir.resolve("trainer-" + point + ".log").toFile()).start();
        try {
            Predicate<Path> reached = switch (point) {
                case "temporary" -> root -> !list(root.resolve("_tmp")).isEmpty();
                case "factors" -> root -> list(root.resolve("_tmp")).stream()
                        .anyMatch(t -> Files.exists(t.resolve("factors.bin")));
                default -> root -> list(root.resolve("versions")).size() > 1;
            };
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!reached.test(storePath)) {
                assertTrue(trainer.isAlive(), "trainer ended before reaching " + point + ":\n"
                        + Files.readString(dir.resolve("trainer-" + point + ".log")));
                assertTrue(System.nanoTime() < deadline, "timed out waiting for " + point);
                Thread.sleep(5);
            }
        } finally {
            trainer.destroyForcibly(); // SIGKILL
            trainer.waitFor(30, TimeUnit.SECONDS);
        }

        ModelStore after = ModelStore.open(storePath.toString(), new Configuration());
        VersionId served = after.current().orElseThrow();
        assertTrue(served.equals(before) || after.versions().contains(served), "serves the old or the new version");
        for (VersionId v : after.versions()) {
            after.verify(v); // every listed version is complete and matches its manifest
        }
        new ModelLoader(after).load(served);

        // A later run removes the leftovers and publishes.
        // --force: the killed run may have promoted its model, which the quality gate would compare this one with.
        assertEquals(0, CliRun.trainer("fit", "--store", storePath.toString(), "--input", ratings.toString(),
                "--master", "local[2]", "--rank", "4", "--iterations", "2", "--temporary-grace", "PT0S", "--force")
                .code());
        assertEquals(List.of(), list(storePath.resolve("_tmp")).stream()
                .filter(p -> p.getFileName().toString().matches("\\d{8}T.*")).toList());
    }

    private static List<Path> list(Path d) {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

}
