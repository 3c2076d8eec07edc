package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainer tune} end to end: a small grid cross-validated, the best setting fitted, gated and published.
 * Nine fits in all: about 40 s on the 2-core machine, so it runs with the slow tests.
 */
@Tag("slow")
class TuneIT {
    @TempDir
    static Path dir;

    @Test
    void tunePicksTheBestSettingOfASmallGridPublishesItAndPrintsItsFlags() {
        Path ratings = PreferenceRatings.write(dir.resolve("ratings.dat"), 200, 100, 20, 21);
        Path store = dir.resolve("store");
        CliRun r = CliRun.trainer("tune", "--store", store.toString(), "--input", ratings.toString(), "--master",
                "local[2]", "--iterations", "5", "--ranks", "1,6", "--reg-params", "0.1,50", "--folds", "2");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertEquals("FRESHET_FIT_ARGS=--rank 6 --reg-param 0.1 --alpha 1.5 --objective ranking", lines.get(0));

        ModelStore s = ModelStore.open(store.toString(), new Configuration());
        VersionId v = VersionId.parse(lines.get(1));
        assertEquals(v, s.current().orElseThrow());
        Manifest m = s.manifest(v);
        assertEquals(6, m.als().rank());
        assertEquals(0.1, m.als().regParam());
        Manifest.Tuning tuning = m.evaluation().tuning();
        assertEquals("ndcg@10", tuning.metric());
        assertEquals(2, tuning.folds());
        assertEquals(4, tuning.trials().size(), tuning.toString());
        Manifest.Trial best = tuning.trials().stream().max(Comparator.comparingDouble(Manifest.Trial::mean))
                .orElseThrow();
        assertEquals(m.als().rank(), best.rank(), "the chosen setting has the best cross-validated mean: " + tuning);
        assertEquals(m.als().regParam(), best.regParam(), tuning.toString());
        assertTrue(tuning.trials().stream().allMatch(t -> t.folds().size() == 2), tuning.toString());
        assertTrue(m.metrics().containsKey("ndcg@10"), "the tuned fit is evaluated like any fit");
    }
}
