package io.freshet.data;

import io.freshet.testing.LocalSparkExtension;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the rating reader's test classes share: the class's local Spark session (its settings from the subclass's
 * {@link LocalSparkExtension.Settings}), a reader on it, and a directory for each test's files.
 */
@ExtendWith(LocalSparkExtension.class)
abstract class ReaderTest {
    static SparkSession spark;
    static RatingReader reader;

    @TempDir
    Path dir;

    @BeforeAll
    static void startReader(SparkSession session) {
        spark = session;
        reader = new RatingReader(session);
    }
}
