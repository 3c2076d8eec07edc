package io.freshet.predictor;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The local Spark context of one test class (local[2], no UI); the class stops it in its @AfterAll. */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static JavaSparkContext start(Class<?> testClass) {
        return new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName(testClass.getSimpleName())
                .set("spark.ui.enabled", "false").set("spark.sql.shuffle.partitions", "4"));
    }
}
