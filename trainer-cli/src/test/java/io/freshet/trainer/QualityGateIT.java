package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.serving.ModelLoader;
import io.freshet.serving.ServingModel;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality gate through the command line users run: a worse model is refused with exit 6 and kept as
 * rejected, a better one is promoted, --force promotes a refused one, --holdout 0 turns the gate off. Ratings
 * with latent structure where users rate what they like ({@link PreferenceRatings}).
 */
class QualityGateIT {
    @TempDir
    static Path dir;
    static Path ratings;
    /** A store whose current version is a good model (the ranking objective, rank 6); tests work on copies. */
    static Path goodStore;
    static VersionId good;

    static final String[] GOOD = {"--rank", "6", "--reg-param", "0.1"};
    static final String[] OVER_REGULARISED = {"--rank", "1", "--reg-param", "50"};

    @BeforeAll
    static void fitAGoodModel() {
        ratings = PreferenceRatings.write(dir.resolve("ratings.dat"), 400, 150, 30, 11);
        goodStore = dir.resolve("store-good");
        CliRun r = fit(goodStore, GOOD);
        assertEquals(0, r.code(), r.toString());
        good = VersionId.parse(r.out().strip());
    }

    static CliRun fit(Path store, String[] model, String... extra) {
        List<String> args = new ArrayList<>(List.of("fit", "--store", store.toString(), "--input", ratings.toString(),
                "--master", "local[2]", "--iterations", "8"));
        args.addAll(List.of(model));
        args.addAll(List.of(extra));
        return CliRun.trainer(args.toArray(String[]::new));
    }

    static ModelStore open(Path store) {
        return ModelStore.open(store.toString(), new Configuration());
    }

    /** A copy of the store holding the good version as current. */
    static Path copyOfGoodStore(String name) {
        Path target = dir.resolve(name);
        try (Stream<Path> files = Files.walk(goodStore)) {
            for (Path p : files.toList()) {
                Files.copy(p, target.resolve(goodStore.relativize(p).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    @Test
    void theTrainedModelBeatsThePopularityBaselineOnNdcg() {
        Manifest m = open(goodStore).manifest(good);
        assertEquals(Manifest.AlsParams.RANKING, m.als().objective(), "the default objective");
        assertEquals(0.6 * 5, m.als().neutralRating(), 1e-6, "60% of the largest rating of the input");
        assertTrue(m.metrics().get("ndcg@10") > 1.5 * m.metrics().get("baseline.ndcg@10"), m.metrics().toString());
        assertTrue(m.gate().lift().getAsDouble() > 1.5, m.gate().toString());
        assertEquals(m.metrics().get("baseline.ndcg@10"), m.gate().baseline());
        assertEquals(1.0, m.gate().minLift());
        assertFalse(m.metrics().containsKey("rmse"), "a ranking model predicts no ratings: " + m.metrics());
        assertEquals(1.0, m.metrics().get("user_coverage"), "a time split leaves every user training ratings");
        assertTrue(m.metrics().get("catalog_coverage") > 0 && m.metrics().get("catalog_coverage") <= 1);
        for (String name : List.of("precision@10", "recall@10", "map@10", "baseline.precision@10",
                "baseline.recall@10", "baseline.map@10")) {
            assertTrue(m.metrics().containsKey(name), name + " in " + m.metrics());
        }
        assertEquals("time", m.evaluation().holdoutBy());
        assertEquals(4.0, m.evaluation().relevanceThreshold(), 1e-6, "80% of the largest rating of the input");
        assertEquals(400 * 30, m.evaluation().trainRatings() + m.evaluation().holdoutRatings());
        assertEquals(Manifest.ACCEPTED, m.status());
        assertTrue(m.gate().passed());
        assertNull(m.gate().currentId(), "the first version has nothing to be compared with");
    }

    @Test
    void theRatingObjectivePredictsRatingsAndIsEvaluatedOnThemToo() {
        Path store = dir.resolve("store-rating");
        CliRun r = fit(store, GOOD, "--objective", "rating", "--min-lift", "0");
        assertEquals(0, r.code(), r.toString());
        Manifest m = open(store).manifest(VersionId.parse(r.out().strip()));
        assertEquals(Manifest.AlsParams.RATING, m.als().objective());
        assertFalse(m.als().implicitPrefs());
        assertNull(m.als().neutralRating());
        assertTrue(m.metrics().get("rmse") < 1.0, m.metrics().toString());
        assertTrue(m.metrics().containsKey("mae") && m.metrics().containsKey("baseline.ndcg@10"), m.metrics().toString());
    }

    @Test
    void aModelBelowTheMostPopularListIsRefusedWithExit6EvenWithoutACurrentVersion() {
        Path store = dir.resolve("store-below-baseline");
        CliRun r = fit(store, OVER_REGULARISED);
        assertEquals(ExitCode.GATE_REFUSED, r.code(), r.toString());
        assertTrue(r.err().contains("most-popular list") && r.err().contains("--min-lift 1.0")
                && r.err().contains("trainer tune"), r.err());
        assertEquals(Optional.empty(), open(store).pointer(), "nothing is served rather than a bestseller-list loser");
        Manifest m = open(store).manifest(open(store).versions().get(0));
        assertEquals(Manifest.REJECTED, m.status());
        assertTrue(m.gate().lift().getAsDouble() < 1.0, m.gate().toString());

        CliRun forced = fit(store, OVER_REGULARISED, "--force");
        assertEquals(0, forced.code(), forced.toString());
        VersionId v = VersionId.parse(forced.out().strip());
        assertEquals(Optional.of(v), open(store).pointer(), "--force still promotes");
        assertEquals(Manifest.FORCED, open(store).manifest(v).status());
    }

    @Test
    void aLowerMinLiftLetsTheSameModelPassAndABadValueIsAUsageError() {
        Path store = dir.resolve("store-min-lift");
        CliRun r = fit(store, OVER_REGULARISED, "--min-lift", "0.1");
        assertEquals(0, r.code(), r.toString());
        assertEquals(0.1, open(store).manifest(VersionId.parse(r.out().strip())).gate().minLift());
        for (String bad : List.of("-1", "NaN", "many")) {
            CliRun b = fit(store, GOOD, "--min-lift", bad);
            assertEquals(ExitCode.USAGE, b.code(), b.toString());
            assertTrue(b.err().contains("--min-lift"), b.err());
        }
    }

    @Test
    void servedListsNeverHoldAnItemTheUserRatedAnywhereInTheInputHeldOutRatingsIncluded() throws IOException {
        Manifest m = open(goodStore).manifest(good);
        assertTrue(m.evaluation().holdoutRatings() > 0, "the fit held ratings out");
        ServingModel model = new ModelLoader(open(goodStore)).load(good);
        Map<Integer, Set<Integer>> rated = new HashMap<>();
        for (String line : Files.readAllLines(ratings)) {
            String[] f = line.split("::");
            rated.computeIfAbsent(Integer.parseInt(f[0]), u -> new HashSet<>()).add(Integer.parseInt(f[1]));
        }
        int itemsListed = 0;
        for (Map.Entry<Integer, Set<Integer>> user : rated.entrySet()) {
            int row = model.scorer().userRow(user.getKey());
            for (int item : model.scorer().topN(row, 10, true).itemIds()) {
                assertFalse(user.getValue().contains(item), "user " + user.getKey() + " is served item " + item
                        + ", which the user rated");
                itemsListed++;
            }
        }
        assertTrue(itemsListed > 5 * rated.size(), itemsListed + " items listed for " + rated.size() + " users");
    }

    @Test
    void anOverRegularisedModelAfterAGoodOneIsRefusedKeptAsRejectedAndThePointerStays() {
        Path store = copyOfGoodStore("store-refused");
        CliRun r = fit(store, OVER_REGULARISED);
        assertEquals(ExitCode.GATE_REFUSED, r.code(), r.toString());
        assertTrue(r.err().contains("quality gate refused version") && r.err().contains("ndcg@10"), r.err());
        assertEquals(Optional.of(good), open(store).pointer());
        List<VersionId> versions = open(store).versions();
        assertEquals(2, versions.size());
        VersionId refused = versions.get(1);
        Manifest m = open(store).manifest(refused);
        assertEquals(Manifest.REJECTED, m.status());
        assertFalse(m.gate().passed());
        assertEquals(good.value(), m.gate().currentId());
        assertTrue(m.gate().candidate() < m.gate().current() * 0.98, m.gate().toString());
        assertTrue(m.files().containsKey("factors.bin"), "a finite rejected model keeps its factor file");

        CliRun list = CliRun.trainer("list", "--store", store.toString());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(refused.value()) && l.contains(" rejected ")),
                list.out());
        CliRun show = CliRun.trainer("show", "--store", store.toString(), refused.value());
        assertTrue(show.out().contains("gate:           refused on ndcg@10"), show.out());
    }

    @Test
    void aCurrentVersionWhoseAlsLayoutChangedIsNotComparedAndTheCandidateIsJudgedAlone() throws IOException {
        Path store = copyOfGoodStore("store-corrupt-als");
        Path userFactors;
        try (Stream<Path> files = Files.list(store.resolve("versions").resolve(good.value()).resolve("als/userFactors"))) {
            userFactors = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(userFactors);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(userFactors, bytes);
        // refused against the good version (the test above); with that version's ALS layout changed, it is not
        // compared, and with --min-lift 0 nothing else refuses it
        CliRun r = fit(store, OVER_REGULARISED, "--min-lift", "0");
        assertEquals(0, r.code(), r.toString());
        VersionId promoted = VersionId.parse(r.out().strip());
        assertEquals(Optional.of(promoted), open(store).pointer());
        Manifest m = open(store).manifest(promoted);
        assertEquals(good.value(), m.gate().currentId());
        assertNull(m.gate().current(), m.gate().toString());
    }

    @Test
    void aBetterModelAfterAWorseOneIsPromoted() {
        Path store = dir.resolve("store-better");
        CliRun worse = fit(store, OVER_REGULARISED, "--min-lift", "0");
        assertEquals(0, worse.code(), "no current version, no least lift: only the candidate's own checks apply\n"
                + worse);
        VersionId first = VersionId.parse(worse.out().strip());
        CliRun better = fit(store, GOOD);
        assertEquals(0, better.code(), better.toString());
        VersionId second = VersionId.parse(better.out().strip());
        assertEquals(Optional.of(second), open(store).pointer());
        Manifest m = open(store).manifest(second);
        assertEquals(Manifest.ACCEPTED, m.status());
        assertEquals(first.value(), m.gate().currentId());
        assertTrue(m.gate().candidate() > m.gate().current(), m.gate().toString());
    }

    @Test
    void forcePromotesARefusedModelWithStatusForced() {
        Path store = copyOfGoodStore("store-forced");
        CliRun r = fit(store, OVER_REGULARISED, "--force");
        assertEquals(0, r.code(), r.toString());
        VersionId forced = VersionId.parse(r.out().strip());
        assertNotEquals(good, forced);
        assertEquals(Optional.of(forced), open(store).pointer());
        Manifest m = open(store).manifest(forced);
        assertEquals(Manifest.FORCED, m.status());
        assertFalse(m.gate().passed(), "the decision still says refused");
    }

    @Test
    void holdoutZeroPublishesWithoutEvaluationOrGate() {
        Path store = copyOfGoodStore("store-nogate");
        CliRun r = fit(store, OVER_REGULARISED, "--holdout", "0");
        assertEquals(0, r.code(), r.toString());
        VersionId v = VersionId.parse(r.out().strip());
        assertEquals(Optional.of(v), open(store).pointer());
        Manifest m = open(store).manifest(v);
        assertEquals(Manifest.ACCEPTED, m.status());
        assertTrue(m.metrics().isEmpty(), m.metrics().toString());
        assertNull(m.gate());
        assertNull(m.evaluation());
        assertEquals(400 * 30, m.input().rows());
    }

    @Test
    void refitAllPublishesOnlyTheRefitAndDiscardsTheCandidatesDraft() throws IOException {
        Path store = dir.resolve("store-refit");
        CliRun r = fit(store, GOOD, "--refit-all");
        assertEquals(0, r.code(), r.toString());
        VersionId v = VersionId.parse(r.out().strip());
        assertEquals(List.of(v), open(store).versions());
        Manifest m = open(store).manifest(v);
        assertTrue(m.evaluation().refitAll(), m.toString());
        assertEquals(Optional.of(v), open(store).pointer());
        // the candidate fitted on the training part had its ALS layout written while it was evaluated
        try (Stream<Path> left = Files.list(store.resolve("_tmp"))) {
            assertEquals(List.of(), left.toList());
        }
        open(store).verify(v);
    }

    @Test
    void implicitFeedbackIsEvaluatedWithRankingMetricsOnly() {
        Path store = dir.resolve("store-implicit");
        CliRun r = fit(store, GOOD, "--implicit-prefs", "--alpha", "5");
        assertEquals(0, r.code(), r.toString());
        Manifest m = open(store).manifest(VersionId.parse(r.out().strip()));
        assertFalse(m.metrics().containsKey("rmse"), m.metrics().toString());
        assertTrue(m.metrics().containsKey("ndcg@10") && m.metrics().containsKey("baseline.ndcg@10"),
                m.metrics().toString());
        assertNull(m.evaluation().relevanceThreshold(), "every held-out item is relevant");

        CliRun rmse = fit(store, GOOD, "--implicit-prefs", "--gate-metric", "rmse");
        assertEquals(ExitCode.USAGE, rmse.code(), rmse.toString());
        assertTrue(rmse.err().contains("--gate-metric"), rmse.err());
    }
}
