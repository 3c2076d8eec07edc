package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.store.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code trainer tune} searches when told nothing, and the fit arguments it prints for cron. */
class TuneDefaultsTest {
    private static TuneCommand parse(String... args) {
        TuneCommand tune = new TuneCommand();
        new CommandLine(tune).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return tune;
    }

    @Test
    void withNoListTuneSearchesRankRegParamAndAlphaLogScaled() {
        TuneCommand tune = parse("--input", "r.dat");
        Manifest.AlsParams base = tune.options.als.params().withNeutralRating(3.0);
        List<Manifest.AlsParams> candidates = tune.space(base).candidates(base);
        assertEquals(12, candidates.size());
        double smallReg = 0;
        double smallAlpha = 0;
        for (Manifest.AlsParams p : candidates) {
            assertTrue(p.rank() >= 10 && p.rank() <= 50, p.toString());
            assertTrue(p.regParam() >= 0.01 && p.regParam() <= 1, p.toString());
            assertTrue(p.alpha() >= 0.3 && p.alpha() <= 10, p.toString());
            assertEquals(Manifest.AlsParams.RANKING, p.objective());
            assertEquals(3.0, p.neutralRating());
            smallReg += p.regParam() < 0.1 ? 1 : 0;
            smallAlpha += p.alpha() < Math.sqrt(3) ? 1 : 0;
        }
        // log-scaled: about half the draws fall below the geometric middle of each span (0.1 and 1.73)
        assertTrue(smallReg >= 3 && smallReg <= 9, "reg-params below 0.1: " + smallReg);
        assertTrue(smallAlpha >= 3 && smallAlpha <= 9, "alphas below 1.73: " + smallAlpha);
    }

    @Test
    void aListGivenSearchesOnlyWhatWasAsked() {
        TuneCommand tune = parse("--input", "r.dat", "--ranks", "5,8");
        Manifest.AlsParams base = tune.options.als.params();
        List<Manifest.AlsParams> candidates = tune.space(base).candidates(base);
        assertEquals(List.of(5, 8), candidates.stream().map(Manifest.AlsParams::rank).toList());
        assertTrue(candidates.stream().allMatch(p -> p.regParam() == 0.3 && p.alpha() == 1.5), candidates.toString());
    }

    @Test
    void fitArgumentsCarryTheObjectiveAndAnExplicitNeutralRatingOnly() {
        Manifest.AlsParams tuned = new Manifest.AlsParams(20, 10, 0.05, 2.0, true, false, 42, "ranking", 3.0);
        Manifest.AlsParams auto = parse("--input", "r.dat").options.als.params();
        assertEquals("--rank 20 --reg-param 0.05 --alpha 2.0 --objective ranking", TuneCommand.fitArgs(tuned, auto));
        Manifest.AlsParams asked = parse("--input", "r.dat", "--neutral-rating", "2.5").options.als.params();
        assertEquals("--rank 20 --reg-param 0.05 --alpha 2.0 --objective ranking --neutral-rating 2.5",
                TuneCommand.fitArgs(tuned, asked));
        Manifest.AlsParams rating = new Manifest.AlsParams(8, 10, 0.1, 1.0, false, false, 42);
        assertEquals("--rank 8 --reg-param 0.1 --objective rating", TuneCommand.fitArgs(rating, rating));
    }
}
