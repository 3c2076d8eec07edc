package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshet.cli.ExitCode;
import io.freshet.store.HistoryRecord;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.PointerMove;
import io.freshet.store.VersionId;
import io.freshet.testing.HistoryChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pointer history and the pin through the command line users run: fits, a forced fit, a rollback, a pin that
 * holds through a fit the gate passes, list and show showing the pin, a refused rollback, unpin, and `trainer
 * history` in text and JSON.
 */
class PointerHistoryIT {
    @TempDir
    static Path dir;
    static Path ratings;

    @BeforeAll
    static void generate() {
        ratings = CliRun.generated(dir, "--users", "300", "--items", "120", "--ratings", "6000", "--seed", "5");
    }

    /** A fit the gate passes whatever the current version's score (tolerance 100%, no lift asked). */
    private static CliRun fit(Path store, String seed) {
        return fit(store, "--seed", seed, "--gate-tolerance", "1", "--min-lift", "0");
    }

    private static CliRun fit(Path store, String... extra) {
        List<String> args = new ArrayList<>(List.of("fit", "--store", store.toString(), "--input", ratings.toString(),
                "--master", "local[2]", "--rank", "4", "--iterations", "3"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.trainer(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    private static CliRun run(int expected, String... args) {
        CliRun r = CliRun.trainer(args);
        assertEquals(expected, r.code(), r.toString());
        return r;
    }

    @Test
    void everyMoveIsInTheHistoryAndAPinHoldsThroughAPassingFitUntilUnpinned() throws Exception {
        Path storePath = dir.resolve("store");
        String s = storePath.toString();
        ModelStore store = ModelStore.open(s, new Configuration());
        String v1 = fit(storePath, "3").out().strip();
        // refused (no model lifts the most-popular list 1000 times), promoted under --force
        String v2 = fit(storePath, "--seed", "7", "--min-lift", "1000", "--force").out().strip();
        run(0, "rollback", "--store", s, v1, "--reason", "v2 recommends the same ten items");
        CliRun pinned = run(0, "rollback", "--store", s, "--pin", v2, "--reason", "hold v2 for the launch");
        assertTrue(pinned.out().contains(v1 + " -> " + v2 + " (pinned)"), pinned.out());

        CliRun held = fit(storePath, "11");
        String v3 = held.out().strip();
        assertEquals(Manifest.ACCEPTED, store.manifest(VersionId.parse(v3)).status(), "the gate passed v3");
        assertEquals(Optional.of(VersionId.parse(v2)), store.pointer(), "the pin held through a passing fit");
        assertTrue(held.err().contains("trainer: pinned: version " + v3 + " was published, not promoted")
                && held.err().contains("hold v2 for the launch") && held.err().contains("trainer unpin"), held.err());

        CliRun list = run(0, "list", "--store", s);
        assertTrue(list.out().contains("pinned: " + v2 + " by " + System.getProperty("user.name") + "@"), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(v2) && l.endsWith("<- current (pinned)")), list.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode listing = json.readTree(run(0, "list", "--store", s, "--json").out());
        assertEquals(v2, listing.get("pin").get("version").asText());
        assertEquals("hold v2 for the launch", listing.get("pin").get("reason").asText());
        CliRun show = run(0, "show", "--store", s);
        assertTrue(show.out().contains("pinned:         by " + System.getProperty("user.name") + "@")
                && show.out().contains("hold v2 for the launch"), show.out());
        assertEquals(v2, json.readTree(run(0, "show", "--store", s, "--json").out()).get("pin").get("version").asText());
        assertFalse(json.readTree(run(0, "show", "--store", s, v3, "--json").out()).has("pin"), "v3 is not pinned");

        CliRun refused = run(ExitCode.PINNED, "rollback", "--store", s, v1);
        assertTrue(refused.err().contains("pinned to " + v2) && refused.err().contains("trainer unpin"), refused.err());
        assertEquals(Optional.of(VersionId.parse(v2)), store.pointer());

        assertTrue(run(0, "unpin", "--store", s, "--reason", "launch over").out().contains("unpinned: was " + v2));
        assertTrue(run(0, "unpin", "--store", s).out().contains("not pinned"));
        String v4 = fit(storePath, "13").out().strip();
        assertEquals(Optional.of(VersionId.parse(v4)), store.pointer(), "unpinned, the next passing fit promotes");
        assertTrue(run(0, "pin", "--store", s, "--reason", "freeze").out().contains("pinned: " + v4));

        List<HistoryRecord> history = store.history();
        HistoryChecks.assertChained(history, store.pointer(), "the command-line moves");
        assertEquals(List.of(PointerMove.FIT, PointerMove.FORCED, PointerMove.ROLLBACK, PointerMove.PIN,
                PointerMove.UNPIN, PointerMove.FIT, PointerMove.PIN), history.stream().map(HistoryRecord::cause).toList());
        assertEquals(List.of(v1, v2, v1, v2, v2, v4, v4), history.stream().map(HistoryRecord::to).toList());
        Manifest.GateDecision gate = history.get(5).gate();
        assertNotNull(gate, "a fit's promotion carries the gate's numbers");
        assertEquals(store.manifest(VersionId.parse(v4)).gate(), gate);
        assertEquals(v2, gate.currentId(), "v4 was judged against the version pinned until then");
        assertFalse(history.get(1).gate().passed(), "the forced fit's record shows the refusal it overrode");

        CliRun text = run(0, "history", "--store", s);
        List<String> lines = text.out().lines().toList();
        assertEquals(8, lines.size(), text.out());
        assertTrue(lines.get(0).startsWith("SEQ") && lines.get(0).contains("CAUSE"), text.out());
        assertTrue(lines.get(3).contains("rollback") && lines.get(3).contains("v2 recommends the same ten items"),
                text.out());
        assertTrue(lines.get(6).contains(" fit ") && lines.get(6).contains("gate passed: " + gate.metric()),
                text.out());
        JsonNode limited = json.readTree(run(0, "history", "--store", s, "--json", "--limit", "2").out());
        assertEquals(2, limited.get("records").size());
        assertEquals(6, limited.get("records").get(0).get("sequence").asInt());
        assertEquals("freeze", limited.get("records").get(1).get("reason").asText());
        run(ExitCode.USAGE, "history", "--store", s, "--limit", "0");

        run(0, "prune", "--store", s, "--keep", "1", "--grace", "PT0S");
        assertEquals(history, store.history(), "pruning leaves the history whole");
    }

    @Test
    void anEmptyStoreHasAnEmptyHistoryAndNothingToPin() {
        String s = dir.resolve("empty").toString();
        assertTrue(run(0, "history", "--store", s).out().contains("no pointer moves recorded"));
        assertEquals("{\"records\":[]}", run(0, "history", "--store", s, "--json").out().replaceAll("\\s", ""));
        CliRun pin = run(ExitCode.NOT_FOUND, "pin", "--store", s);
        assertTrue(pin.err().contains("rollback --pin"), pin.err());
    }
}
