package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.store.Manifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The objective options of {@code fit}: what each asks ALS for, how the neutral rating and the relevance threshold
 * are chosen from the input, and the usage errors of bad values (refused before any Spark work).
 */
class ObjectiveOptionsTest {
    private static Manifest.AlsParams params(String... args) {
        AlsSettings settings = new AlsSettings();
        new CommandLine(settings).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return settings.params();
    }

    private static FitRequest request(Manifest.AlsParams als) {
        return new FitRequest("r.dat", io.freshet.data.RatingReadOptions.defaults(), als, true, Duration.ofHours(1));
    }

    @Test
    void theDefaultIsTheRankingObjectiveWithTheMeasuredSettings() {
        Manifest.AlsParams p = params();
        assertEquals(Manifest.AlsParams.RANKING, p.objective());
        assertTrue(p.implicitPrefs());
        assertEquals(30, p.rank());
        assertEquals(0.3, p.regParam());
        assertEquals(1.5, p.alpha());
        assertEquals(10, p.maxIter());
        assertNull(p.neutralRating(), "chosen from the input");
    }

    @Test
    void theNeutralRatingAndRelevanceComeFromTheLargestRatingUnlessAsked() {
        FitRequest r = request(params()).resolvedFor(5);
        assertEquals(3.0, r.als().neutralRating(), 1e-9);
        assertEquals(4.0, r.evaluation().relevanceThreshold(), 1e-9);
        FitRequest halfStars = request(params()).resolvedFor(4);
        assertEquals(2.4, halfStars.als().neutralRating(), 1e-6);
        assertEquals(3.2, halfStars.evaluation().relevanceThreshold(), 1e-6);
        FitRequest asked = request(params("--neutral-rating", "3.5")).resolvedFor(5);
        assertEquals(3.5, asked.als().neutralRating());
    }

    @Test
    void implicitPrefsUsesTheRatingsAsConfidencesAndEveryHeldOutItemIsRelevant() {
        Manifest.AlsParams p = params("--implicit-prefs");
        assertEquals(Manifest.AlsParams.RANKING, p.objective());
        assertEquals(0.0, p.neutralRating());
        assertTrue(request(p).resolvedFor(40).evaluation().relevanceThreshold().isNaN());
    }

    @Test
    void theRatingObjectiveIsExplicitAlsWithoutANeutralRating() {
        Manifest.AlsParams p = params("--objective", "rating");
        assertEquals(Manifest.AlsParams.RATING, p.objective());
        assertTrue(!p.implicitPrefs());
        FitRequest r = request(p).resolvedFor(5);
        assertNull(r.als().neutralRating());
        assertEquals(4.0, r.evaluation().relevanceThreshold(), 1e-9);
    }

    @Test
    void aManifestWrittenBeforeObjectivesReadsAsTheModeItWasFittedIn() {
        assertEquals(Manifest.AlsParams.RATING, new Manifest.AlsParams(10, 5, 0.1, 1, false, false, 1).objective());
        Manifest.AlsParams implicit = new Manifest.AlsParams(10, 5, 0.1, 40, true, false, 1);
        assertEquals(Manifest.AlsParams.RANKING, implicit.objective());
        assertEquals(0.0, implicit.neutralRating(), "ratings were the confidences");
    }

    @Test
    void badObjectiveValuesAreUsageErrorsNamingTheOption() {
        String[][] cases = {
                // the option the message must name, then the arguments
                {"--objective", "--objective", "clicks"},
                {"--neutral-rating", "--objective", "rating", "--neutral-rating", "3"},
                {"--implicit-prefs", "--objective", "rating", "--implicit-prefs"},
                {"--neutral-rating", "--neutral-rating", "NaN"},
                {"--neutral-rating", "--neutral-rating", "three"},
                {"--relevance-threshold", "--relevance-threshold", "Infinity"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("fit", "--store", "target/never-created-store", "--input",
                    "missing.dat"));
            args.addAll(Arrays.asList(c).subList(1, c.length));
            CliRun r = CliRun.trainer(args.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, r.code(), args + "\n" + r);
            assertTrue(r.err().contains(c[0]), args + ": " + r.err());
        }
    }
}
