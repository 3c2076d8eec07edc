package io.freshet.data;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The local Spark session of one test class: local[2], no UI, 4 shuffle partitions. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start(Class<?> testClass, Map<String, String> settings) {
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName(testClass.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4");
        settings.forEach(builder::config);
        return builder.getOrCreate();
    }
}
