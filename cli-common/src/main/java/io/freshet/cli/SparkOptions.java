package io.freshet.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * Spark settings shared by commands that run Spark. Under spark-submit the master and settings come from
 * spark-submit (system properties), and these options only add to them; run directly (bin/), the master
 * defaults to {@code local[*]}.
 */
public final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting; repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    /** A SparkConf with spark-submit's settings, then these options, then Freshet's quiet defaults. */
    public SparkConf sparkConf(String appName) {
        return sparkConf(appName, Map.of());
    }

    /** As {@link #sparkConf(String)}, then {@code defaults} for the settings that neither of those set. */
    public SparkConf sparkConf(String appName, Map<String, String> defaults) {
        SparkConf sc = new SparkConf().setAppName(appName);
        if (master != null) {
            sc.setMaster(master);
        } else if (!sc.contains("spark.master")) {
            sc.setMaster("local[*]");
        }
        sc.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (sc.get("spark.master").startsWith("local")) {
            // 200 shuffle partitions is sized for clusters; on one machine it is mostly task overhead.
            sc.setIfMissing("spark.sql.shuffle.partitions",
                    String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
        }
        conf.forEach(sc::set);
        defaults.forEach(sc::setIfMissing);
        return sc;
    }

    public SparkSession session(String appName) {
        return session(appName, Map.of());
    }

    /** A session of {@link #sparkConf(String, Map)}. */
    public SparkSession session(String appName, Map<String, String> defaults) {
        return SparkSession.builder().config(sparkConf(appName, defaults)).getOrCreate();
    }
}
