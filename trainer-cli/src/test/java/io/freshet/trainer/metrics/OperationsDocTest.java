package io.freshet.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/operations.md lists exactly the metric families, with their types, that a run's textfile holds. */
class OperationsDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(freshet_trainer_[a-z_]+)` \\| (\\w+) \\| ([^|]+) \\| (.+) \\|$",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void theDocumentedMetricsAreTheOnesWritten() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "operations.md"));
        Map<String, String> documented = new TreeMap<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            assertTrue(documented.put(m.group(1), m.group(2)) == null, "documented twice: " + m.group(1));
            assertTrue(!m.group(3).isBlank() && !m.group(4).isBlank(), "unit and meaning of " + m.group(1));
        }
        Map<String, String> written = new TreeMap<>();
        TrainerMetricsTest.written(dir.resolve("t.prom"), TrainerMetricsTest.fullReport("ndcg@10"))
                .forEach((name, family) -> written.put(name, family.type()));
        assertEquals(written, documented);
    }
}
