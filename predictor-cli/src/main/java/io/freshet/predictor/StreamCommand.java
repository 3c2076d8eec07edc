package io.freshet.predictor;

import io.freshet.cli.OptionCheck;
import io.freshet.cli.SparkOptions;
import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.predictor.stream.DStreamJob;
import io.freshet.predictor.stream.Endpoint;
import io.freshet.predictor.stream.KafkaJob;
import io.freshet.predictor.stream.SinkRetry;
import io.freshet.predictor.stream.StreamFold;
import io.freshet.predictor.stream.StreamSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code predictor stream}: the streaming job, DStream for socket and directory sources, Structured Streaming for Kafka. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Score a stream of events with the current model, reloading it when the pointer moves.")
final class StreamCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    SparkOptions sparkOptions;
    @Mixin
    VerboseOption verbose;
    @Mixin
    ScoringOptions scoring;

    @Option(names = "--source", required = true, paramLabel = "SOURCE",
            description = "socket://HOST:PORT, dir:PATH (new files) or kafka://HOST:PORT/TOPIC.")
    String source;

    @Option(names = "--sink", defaultValue = "console", paramLabel = "SINK",
            description = "console, dir:PATH (one file per batch) or kafka://HOST:PORT/TOPIC (default: ${DEFAULT-VALUE}).")
    String sink;

    @Option(names = "--errors", defaultValue = "stderr", paramLabel = "SINK",
            description = "Where malformed events go with their reason: stderr, dir:PATH or kafka://HOST:PORT/TOPIC "
                    + "(default: ${DEFAULT-VALUE}).")
    String errors;

    @Option(names = "--batch-interval", defaultValue = "10", paramLabel = "SECONDS",
            description = "Micro-batch interval in seconds, decimals allowed (default: ${DEFAULT-VALUE}).")
    double batchInterval;

    @Option(names = "--reload-interval", defaultValue = "60", paramLabel = "SECONDS",
            description = "How often the driver checks the pointer, in seconds (default: ${DEFAULT-VALUE}).")
    double reloadInterval;

    @Option(names = "--availability-reload-interval", paramLabel = "SECONDS",
            description = "How often the driver checks the store for a newer item availability file, in seconds, "
                    + "decimals allowed (default: --reload-interval).")
    Double availabilityReloadInterval;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Checkpoint directory (required for Kafka).")
    String checkpoint;

    @Option(names = "--max-events-per-batch", defaultValue = "0", paramLabel = "N",
            description = "Kafka source only: at most N events per micro-batch, the rest wait for the next ones; "
                    + "also bounds what a restart after a crash writes twice (default: no bound).")
    long maxEventsPerBatch;

    @Option(names = "--kafka-option", paramLabel = "KEY=VALUE", description = "A Kafka client setting; repeatable.")
    Map<String, String> kafkaOptions = new LinkedHashMap<>();

    @Option(names = "--broadcast-max-mb", defaultValue = "512", paramLabel = "MIB",
            description = "Largest model (user and item factors plus seen items) broadcast whole; a larger one has "
                    + "its items broadcast and its users joined to each batch from the cluster's cache; 0 always "
                    + "joins (default: ${DEFAULT-VALUE}).")
    long broadcastMaxMb;

    @Option(names = "--sink-retries", defaultValue = "5", paramLabel = "N",
            description = "Socket and dir: sources: how often a batch whose write to --sink or --errors failed is "
                    + "tried again before the stream stops with exit 4 (default: ${DEFAULT-VALUE}).")
    int sinkRetries;

    @Option(names = "--sink-retry-backoff", defaultValue = "1", paramLabel = "SECONDS",
            description = "The wait before the first retry of a sink write, doubled before each next one up to 60 s; "
                    + "decimals allowed, at most 60 (default: ${DEFAULT-VALUE}).")
    double sinkRetryBackoff;

    @Option(names = "--fold", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fold rating events into their users' lists from the next batch on, keeping the state on the "
                    + "executors (and in --checkpoint DIR when given); --no-fold acknowledges ratings without folding "
                    + "them (default: on).")
    boolean fold;

    @Option(names = "--fold-idle-timeout", defaultValue = "P30D", paramLabel = "DURATION",
            description = "Drop the fold-in state of a user idle this long, ISO-8601 (default: ${DEFAULT-VALUE}).")
    java.time.Duration foldIdleTimeout;

    @Option(names = "--fold-max-users", defaultValue = "1000000", paramLabel = "N",
            description = "Keep the fold-in state of at most N users, the least recently active dropped first "
                    + "(default: ${DEFAULT-VALUE}).")
    int foldMaxUsers;

    @Override
    public Integer call() {
        StreamSettings settings = OptionCheck.of(spec, () -> new StreamSettings(store.uri(),
                Endpoint.parse(source, "--source"), Endpoint.parse(sink, "--sink"), Endpoint.parse(errors, "--errors"),
                seconds(batchInterval, "--batch-interval"), seconds(reloadInterval, "--reload-interval"), scoring.top,
                scoring.excludeSeen, checkpoint, maxEventsPerBatch, kafkaOptions, broadcastMaxMb,
                new SinkRetry(sinkRetries, seconds(sinkRetryBackoff, "--sink-retry-backoff")),
                new StreamFold(fold, scoring.newUserPolicy(), foldIdleTimeout, foldMaxUsers),
                seconds(availabilityReloadInterval == null ? reloadInterval : availabilityReloadInterval,
                        "--availability-reload-interval")));
        SparkConf conf = sparkOptions.sparkConf("freshet-predictor");
        if (!conf.contains("spark.master") || conf.get("spark.master").equals("local[*]")) {
            conf.setMaster("local[2]"); // a socket receiver holds one core for itself
        }
        if (settings.source().kind() == Endpoint.Kind.KAFKA) {
            new KafkaJob(conf, settings).run();
        } else {
            new DStreamJob(conf, settings, System.out, System.err).run();
        }
        return 0;
    }

    private static Duration seconds(double s, String option) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException(option + " must be a positive number of seconds, got " + s);
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
