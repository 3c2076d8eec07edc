package io.freshet.predictor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming predictor through real spark-submit on local[2]. */
@Tag("slow")
class PredictorStreamIT {
    @TempDir
    Path dir;

    @Test
    void hotSwapsMidStreamLosesNothingAndExitsZeroOnSigterm() throws Exception {
        StreamScenario.run(dir, List.of("--master", "local[2]"), Map.of());
    }
}
