package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.store.HistoryRecord;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.PointerMove;
import io.freshet.store.VersionId;
import io.freshet.testing.HistoryChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pointer history with real trainer processes (bin/trainer, each its own JVM): two fits and a run of rollbacks
 * racing on one store leave one record per move, numbered and chained in the order the moves were made; trainers
 * SIGKILLed at random moments around their promotion never leave a torn or half-placed record, and a move whose
 * record was lost with its process is recorded by the next move. The seed is printed; rerun one with
 * {@code -Dfreshet.history.seed=S}.
 */
@Tag("slow")
class PointerHistoryRaceIT {
    @TempDir
    static Path dir;
    static Path ratings;

    @BeforeAll
    static void generate() {
        ratings = CliRun.generated(dir, "--users", "1500", "--items", "400", "--ratings", "40000", "--seed", "17");
    }

    @Test
    void twoTrainersAndRollbacksRacingLeaveEveryMoveInTheHistoryInOrder() throws Exception {
        Path storePath = dir.resolve("race");
        ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
        assertEquals(ExitCode.OK, finish(fit(storePath, 1)));
        Process a = fit(storePath, 2);
        Process b = fit(storePath, 3);
        Set<String> rollbackReasons = new HashSet<>();
        Random random = new Random(5);
        for (int n = 0; n < 40 && (a.isAlive() || b.isAlive()); n++) { // rollbacks until both fits are done
            List<VersionId> servable = store.manifests().stream().filter(Manifest::servable)
                    .map(Manifest::versionId).toList();
            String reason = "race-" + n;
            Scripts.Result rollback = Scripts.run(java.util.Map.of(), trainer(), "rollback", "--store",
                    storePath.toString(), servable.get(random.nextInt(servable.size())).value(), "--reason", reason);
            assertTrue(rollback.code() == ExitCode.OK || rollback.code() == ExitCode.LOCK_HELD, rollback.toString());
            if (rollback.code() == ExitCode.OK) {
                rollbackReasons.add(reason);
            }
        }
        int promotedFits = 1;
        for (Process fit : List.of(a, b)) {
            int code = finish(fit);
            assertTrue(Set.of(ExitCode.OK, ExitCode.POINTER_MOVED, ExitCode.LOCK_HELD).contains(code),
                    "fit exited " + code + ":\n" + log(fit));
            promotedFits += code == ExitCode.OK ? 1 : 0;
        }

        List<HistoryRecord> history = store.history();
        HistoryChecks.assertChained(history, store.pointer(), "two fits and rollbacks racing");
        assertEquals(promotedFits, history.stream().filter(r -> r.cause().equals(PointerMove.FIT)).count(),
                "one record per fit that promoted: " + history);
        assertEquals(rollbackReasons, new HashSet<>(history.stream().filter(r -> r.cause().equals(PointerMove.ROLLBACK))
                .map(HistoryRecord::reason).toList()), "one record per rollback that moved the pointer: " + history);
        assertEquals(promotedFits + rollbackReasons.size(), history.size(), "nothing else: " + history);
        System.out.println("PointerHistoryRaceIT: " + promotedFits + " fits and " + rollbackReasons.size()
                + " rollbacks promoted, " + history.size() + " records");
    }

    @Test
    void trainersKilledAroundTheirPromotionNeverLeaveATornRecord() throws Exception {
        long seed = Long.getLong("freshet.history.seed", System.nanoTime());
        int rounds = Integer.getInteger("freshet.history.rounds", 2);
        System.out.println("PointerHistoryRaceIT: kills, N=" + rounds + " rounds, seed=" + seed);
        Random random = new Random(seed);
        Path storePath = dir.resolve("kills");
        ModelStore store = ModelStore.open(storePath.toString(), new Configuration());
        assertEquals(ExitCode.OK, finish(fit(storePath, 1)));
        Set<String> gaps = new HashSet<>(); // (last record, CURRENT) pairs where CURRENT is not where the record left it
        for (int round = 1; round <= rounds; round++) {
            int published = store.versions().size();
            Process trainer = fit(storePath, 100 + round);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (trainer.isAlive() && names(storePath.resolve("versions")).size() == published) {
                assertTrue(System.nanoTime() < deadline, "round " + round + " never published, seed " + seed);
                Thread.onSpinWait();
            }
            // Odd rounds: from the moment the promotion takes the store lock, kill within its hold (milliseconds);
            // even rounds: anywhere in the next 300 ms after publishing (before, during or after the promotion).
            boolean atLock = round % 2 == 1;
            Path lock = storePath.resolve("_lock");
            while (atLock && trainer.isAlive() && !Files.exists(lock) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long delayNanos = (long) (random.nextDouble() * TimeUnit.MILLISECONDS.toNanos(atLock ? 15 : 300));
            long killAt = System.nanoTime() + delayNanos;
            while (System.nanoTime() < killAt) {
                Thread.onSpinWait(); // promotion takes milliseconds: a sleep would be too coarse
            }
            trainer.destroyForcibly(); // SIGKILL
            assertTrue(trainer.waitFor(60, TimeUnit.SECONDS));

            String when = "round " + round + ", killed " + delayNanos / 1000 + " us after " + (atLock ? "the lock "
                    + "was taken" : "publishing") + ", seed " + seed;
            List<String> files = names(storePath.resolve("history"));
            assertTrue(files.stream().allMatch(n -> n.matches("[0-9]{10}\\.json")), "only whole records: " + files
                    + ", " + when);
            List<HistoryRecord> history = store.history(); // every record parses
            assertEquals(files.size(), history.size(), when);
            HistoryRecord last = history.get(history.size() - 1);
            HistoryChecks.assertChained(history, Optional.ofNullable(last.to()).map(VersionId::parse), when);
            Optional<VersionId> pointer = store.pointer();
            if (!pointer.map(VersionId::value).orElse("").equals(last.to())) {
                gaps.add(last.sequence() + " " + pointer); // killed between replacing CURRENT and recording
            }
        }

        assertEquals(ExitCode.OK, finish(fit(storePath, 1000, "--force", "--temporary-grace", "PT0S")));
        List<HistoryRecord> history = store.history();
        HistoryChecks.assertChained(history, store.pointer(), "after the kills, seed " + seed);
        int lost = gaps.size();
        assertEquals(lost, history.stream().filter(r -> r.cause().equals(PointerMove.UNRECORDED)).count(),
                "each move lost with its process is recorded once, by the next move, seed " + seed);
        assertEquals(List.of(), names(storePath.resolve("_tmp")).stream().filter(n -> n.startsWith("history."))
                .toList(), "no record left half-placed, seed " + seed);
        System.out.println("PointerHistoryRaceIT: seed=" + seed + ": " + history.size() + " records, " + lost
                + " moves recorded by the next move");
    }

    private static String trainer() {
        return Scripts.root().resolve("bin/trainer").toString();
    }

    /** Starts bin/trainer fit with seed {@code seed} (a gate any fit passes); its output goes to fit-PID.log. */
    private static Process fit(Path storePath, int seed, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(trainer(), "fit", "--store", storePath.toString(), "--input",
                ratings.toString(), "--master", "local[1]", "--rank", "6", "--iterations", "4", "--seed",
                Integer.toString(seed), "--gate-tolerance", "1", "--min-lift", "0"));
        command.addAll(List.of(extra));
        Path log = Files.createTempFile(dir, "fit-", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Files.move(log, dir.resolve("fit-" + p.pid() + ".log")); // the open file follows the rename
        return p;
    }

    private static int finish(Process p) throws Exception {
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "trainer did not end:\n" + log(p));
        return p.exitValue();
    }

    private static String log(Process p) throws IOException {
        return Files.readString(dir.resolve("fit-" + p.pid() + ".log"));
    }

    private static List<String> names(Path d) {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of(); // the directory changed under the listing: look again next time
        }
    }
}
