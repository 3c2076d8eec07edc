package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.TrainedRatingsFile;
import io.freshet.serving.ModelLoader;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version holds the ratings it was fitted on ({@code ratings/part-*.bin}, written by the executors), and a
 * fold-in of a user's training ratings against the version's item factors gives back the vector the fit gave the
 * user, for both objectives: the solver uses ALS's formula, regularisation and confidence.
 */
class FoldInIT {
    @TempDir
    static Path dir;
    static Path ratings;

    @BeforeAll
    static void generate() {
        ratings = CliRun.generated(dir, "--users", "400", "--items", "150", "--ratings", "8000", "--seed", "11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ranking", "rating"})
    void foldingATrainedUsersTrainingRatingsReproducesTheTrainedVector(String objective) {
        Path store = dir.resolve("store-" + objective);
        CliRun fit = CliRun.trainer("fit", "--store", store.toString(), "--input", ratings.toString(), "--master",
                "local[2]", "--objective", objective, "--rank", "6", "--iterations", "6", "--holdout", "0");
        assertEquals(0, fit.code(), fit.toString());
        ModelStore modelStore = ModelStore.open(store.toString(), new Configuration());
        VersionId id = modelStore.current().orElseThrow();
        Manifest manifest = modelStore.manifest(id);
        long shards = manifest.files().keySet().stream()
                .filter(f -> f.startsWith(TrainedRatingsFile.DIRECTORY + "/")).count();
        assertTrue(shards >= 1, "the version lists its trained-rating shards: " + manifest.files().keySet());

        ModelLoader.Loaded loaded = new ModelLoader(modelStore).loadWithFactors(id);
        assertTrue(loaded.model().folds(), "a version with its ratings folds");
        FactorMatrix users = loaded.users();
        List<String> off = new ArrayList<>();
        double worst = 0;
        for (int row = 0; row < users.size(); row++) {
            float[] trained = users.row(row);
            float[] folded = loaded.model().folding().solveTrained(users.id(row));
            assertNotNull(folded, "user " + users.id(row) + " has training ratings");
            double norm = 0;
            for (float v : trained) {
                norm = Math.max(norm, Math.abs(v));
            }
            for (int f = 0; f < trained.length; f++) {
                double diff = Math.abs(trained[f] - folded[f]) / Math.max(1e-3, norm);
                worst = Math.max(worst, diff);
                if (diff > 1e-3) {
                    off.add("user " + users.id(row) + " factor " + f + ": trained " + trained[f] + ", folded "
                            + folded[f]);
                }
            }
        }
        assertTrue(off.isEmpty(), off.size() + " factors differ by more than 0.1% of the vector's largest (worst "
                + worst + "), first: " + off.stream().limit(5).toList());
        assertTrue(users.size() > 300, "most generated users were trained: " + users.size());
    }
}
