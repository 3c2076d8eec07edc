package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.serving.ModelLoader;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store under an unlucky night, at random (the seed and the number of rounds are printed; rerun one with
 * {@code -Dfreshet.chaos.seed=S -Dfreshet.chaos.rounds=N}). Each round is one of: a trainer process SIGKILLed at a
 * random moment of its run; two trainers racing on the store; a trainer running while a rollback to a random
 * servable version and a {@code prune --keep 3 --grace PT0S} hit the store. After every round: each directory under
 * versions/ is a listed version that verifies against its manifest, the pointer names a gate-passing version that
 * loads, and (in rounds without a rollback) every pointer move of the round was judged against the version it
 * replaced: following the gate's "compared with" from the new pointer leads back to the round's first one. At the
 * end a run with --temporary-grace PT0S leaves no draft of the killed runs behind.
 */
@Tag("slow")
class TrainerChaosIT {
    private static final Set<Integer> FIT_CODES = Set.of(ExitCode.OK, ExitCode.LOCK_HELD, ExitCode.GATE_REFUSED,
            ExitCode.POINTER_MOVED);

    @TempDir
    Path dir;

    @Test
    void killsRacesRollbacksAndPrunesLeaveAServableStoreWhosePointerWasJudgedAgainstWhatItReplaced() throws Exception {
        long seed = Long.getLong("freshet.chaos.seed", System.nanoTime());
        int rounds = Integer.getInteger("freshet.chaos.rounds", 4);
        System.out.println("TrainerChaosIT: N=" + rounds + " rounds, seed=" + seed);
        Random random = new Random(seed);
        List<Integer> kinds = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            kinds.add(round % 3); // every kind of round, in a random order
        }
        java.util.Collections.shuffle(kinds, random);
        Path ratings = dir.resolve("ratings.dat");
        assertEquals(0, CliRun.trainer("generate", "--users", "1500", "--items", "400", "--ratings", "40000",
                "--out", ratings.toString(), "--seed", Long.toString(seed)).code());
        Path storePath = dir.resolve("store");
        ModelStore store = ModelStore.open(storePath.toString(), new Configuration());

        long t0 = System.nanoTime();
        assertEquals(0, fit(storePath, ratings, 0, "--force").waitFor());
        long fitMillis = (System.nanoTime() - t0) / 1_000_000;
        int kills = 0;
        int races = 0;
        int rollbacks = 0;
        for (int round = 1; round <= rounds; round++) {
            Optional<VersionId> before = store.pointer();
            int kind = kinds.get(round - 1);
            String what;
            if (kind == 0) {
                Process trainer = fit(storePath, ratings, round);
                long delay = (long) (random.nextDouble() * fitMillis * 1.2);
                if (!trainer.waitFor(delay, TimeUnit.MILLISECONDS)) {
                    trainer.destroyForcibly(); // SIGKILL
                    kills++;
                }
                trainer.waitFor(60, TimeUnit.SECONDS);
                what = "trainer killed after " + delay + " ms";
            } else if (kind == 1) {
                Process a = fit(storePath, ratings, round);
                Process b = fit(storePath, ratings, round + 1000);
                assertFitCode(a, round);
                assertFitCode(b, round);
                races++;
                what = "two racing trainers";
            } else {
                Process trainer = fit(storePath, ratings, round);
                Thread.sleep((long) (random.nextDouble() * fitMillis));
                List<VersionId> servable = store.manifests().stream().filter(Manifest::servable)
                        .map(m -> VersionId.parse(m.id())).toList();
                VersionId target = servable.get(random.nextInt(servable.size()));
                CliRun rollback = CliRun.trainer("rollback", "--store", storePath.toString(), target.value());
                assertTrue(rollback.code() == ExitCode.OK || rollback.code() == ExitCode.LOCK_HELD, rollback.toString());
                CliRun prune = CliRun.trainer("prune", "--store", storePath.toString(), "--keep", "3", "--grace", "PT0S");
                assertTrue(prune.code() == ExitCode.OK || prune.code() == ExitCode.LOCK_HELD, prune.toString());
                assertFitCode(trainer, round);
                rollbacks++;
                what = "rollback to " + target + " and prune during a fit";
            }
            checkStore(store, storePath, before, kind != 2, "round " + round + " (" + what + "), seed " + seed);
        }

        Process last = fit(storePath, ratings, rounds + 1, "--temporary-grace", "PT0S");
        assertFitCode(last, rounds + 1);
        checkStore(store, storePath, Optional.empty(), false, "after the last run, seed " + seed);
        List<String> drafts = names(storePath.resolve("_tmp")).stream().filter(n -> n.matches("\\d{8}T.*")).toList();
        assertEquals(List.of(), drafts, "the killed runs' drafts and leases are cleaned, seed " + seed);
        System.out.println("TrainerChaosIT: seed=" + seed + ": " + kills + " kills, " + races + " races, " + rollbacks
                + " rollbacks with prunes; " + store.versions().size() + " versions, current " + store.pointer().orElse(null));
    }

    private void checkStore(ModelStore store, Path storePath, Optional<VersionId> before, boolean chain, String when) {
        List<String> listed = store.versions().stream().map(VersionId::value).toList();
        assertEquals(listed, names(storePath.resolve("versions")), "every directory under versions/ is complete: " + when);
        for (VersionId v : store.versions()) {
            store.verify(v);
            assertTrue(store.manifest(v).files().keySet().stream().anyMatch(f -> f.startsWith("als/itemFactors/")),
                    v + " holds its ALS layout: " + when);
        }
        VersionId current = store.pointer().orElseThrow(() -> new AssertionError("no pointer " + when));
        assertTrue(store.manifest(current).servable(), current + " passed the gate (or was forced): " + when);
        new ModelLoader(store).load(current);
        if (chain && before.isPresent()) {
            VersionId step = current;
            for (int moves = 0; !step.equals(before.get()); moves++) {
                assertTrue(moves < 4, "the pointer's chain does not lead back to " + before.get() + ": " + when);
                Manifest.GateDecision gate = store.manifest(step).gate();
                assertNotNull(gate, step + " has no gate decision: " + when);
                assertNotNull(gate.currentId(), step + " was judged against no version: " + when);
                step = VersionId.parse(gate.currentId());
            }
        }
    }

    private void assertFitCode(Process trainer, int round) throws Exception {
        assertTrue(trainer.waitFor(5, TimeUnit.MINUTES), "trainer of round " + round + " did not end");
        int code = trainer.exitValue();
        assertTrue(FIT_CODES.contains(code), "trainer of round " + round + " exited " + code + ":\n"
                + Files.readString(dir.resolve("fit-" + trainer.pid() + ".log")));
    }

    /** Starts bin/trainer fit with seed {@code run}; its output goes to fit-PID.log. */
    private Process fit(Path storePath, Path ratings, int run, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Scripts.root().resolve("bin/trainer").toString(), "fit",
                "--store", storePath.toString(), "--input", ratings.toString(), "--master", "local[1]",
                "--rank", "6", "--iterations", "4", "--min-lift", "0", "--seed", Integer.toString(run)));
        command.addAll(List.of(extra));
        Path log = Files.createTempFile(dir, "fit-", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Files.move(log, dir.resolve("fit-" + p.pid() + ".log")); // the open file follows the rename
        return p;
    }

    private static List<String> names(Path d) {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
