package io.freshet.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshet.cli.MetricsDocTable;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/operations.md lists exactly the metric families, with their types, that a run's textfile holds. */
class OperationsDocTest {
    @TempDir
    Path dir;

    @Test
    void theDocumentedMetricsAreTheOnesWritten() throws Exception {
        Map<String, String> documented = MetricsDocTable.read(Path.of("..", "docs", "operations.md"),
                "(freshet_trainer_[a-z_]+)");
        Map<String, String> written = new TreeMap<>();
        TrainerMetricsTest.written(dir.resolve("t.prom"), TrainerMetricsTest.fullReport("ndcg@10"))
                .forEach((name, family) -> written.put(name, family.type()));
        assertEquals(written, documented);
    }
}
