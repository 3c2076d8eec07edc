package io.freshet.predictor;

import io.freshet.serving.EventProcessor;
import io.freshet.serving.ModelPoller;
import io.freshet.serving.ModelWatcher;
import io.freshet.store.ModelStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.StreamingContextState;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DStream job: events from a socket or a directory, scored per partition with the broadcast model of
 * the batch (or its broadcast items and joined users, over the broadcast budget), written to the sink and the
 * error output. The driver polls the pointer every reload interval and swaps the broadcast between batches; the
 * stream never stops for a new model.
 */
public final class DStreamJob {
    private static final Logger LOG = LoggerFactory.getLogger(DStreamJob.class);

    private final SparkConf sparkConf;
    private final StreamSettings settings;
    private final PrintStream out;
    private final PrintStream err;

    public DStreamJob(SparkConf sparkConf, StreamSettings settings, PrintStream out, PrintStream err) {
        this.sparkConf = sparkConf;
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Runs until stopped (SIGTERM, or {@code stop}); returns when every received batch is done. */
    public void run() {
        sparkConf.setIfMissing("spark.streaming.stopGracefullyOnShutdown", "false");
        JavaStreamingContext ssc = new JavaStreamingContext(sparkConf,
                Durations.milliseconds(settings.batchInterval().toMillis()));
        ModelStore store = ModelStore.open(settings.store(), ssc.sparkContext().hadoopConfiguration());
        BroadcastModel model = new BroadcastModel(ssc.sparkContext(), store, settings.broadcastBudgetBytes());
        ModelWatcher watcher = new ModelWatcher(store, model, Clock.systemUTC());
        try {
            watcher.start();
        } catch (RuntimeException e) {
            ssc.stop(true, false);
            throw e;
        }
        EventProcessor processor = new EventProcessor(settings.topN(), settings.excludeSeen());
        BatchSinks sinks = new BatchSinks(sink("--sink", settings.sink(), ssc), sink("--errors", settings.errors(), ssc),
                settings.sinkRetry());
        BatchLog batchLog = new BatchLog();
        ssc.addStreamingListener(batchLog);
        JavaDStream<String> events = source(ssc);
        events.foreachRDD((rdd, time) -> batchLog.scored(time.milliseconds(),
                scoreBatch(rdd, time.milliseconds(), model, processor, sinks)));
        try (ModelPoller poller = new ModelPoller(watcher, settings.reloadInterval())) {
            GracefulStop signals = GracefulStop.install(() -> ssc.stop(true, true));
            ssc.start();
            LOG.info("streaming from {} every {} ms, serving {}", describe(settings.source()),
                    settings.batchInterval().toMillis(), watcher.served().map(m -> m.version()).orElse("?"));
            ssc.awaitTermination();
            signals.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // awaitTermination rethrows what failed a batch (a sink that stayed unwritable): stop at once, with
            // that batch not done, and let the exception reach the command line.
            if (ssc.getState() != StreamingContextState.STOPPED) {
                ssc.stop(true, false);
            }
        }
        LOG.info("stream stopped");
    }

    /**
     * Scores one batch and writes what it produced (an empty side is not written at all); returns its counts.
     * Throws, leaving the batch not done, when the sinks stay unwritable through the retries.
     */
    private static BatchLog.Scored scoreBatch(JavaRDD<String> rdd, long time, BroadcastModel model,
                                              EventProcessor processor, BatchSinks sinks) {
        Optional<BroadcastModel.Lease> lease = model.acquire();
        try (BroadcastModel.Lease l = lease.orElseThrow();
             ScoredBatch batch = new ScoredBatch(rdd, l, processor)) {
            sinks.write(time, batch);
            return new BatchLog.Scored(batch.counts(), l.version());
        }
    }

    private BatchSinks.Sink sink(String option, Endpoint e, JavaStreamingContext ssc) {
        return new BatchSinks.Sink(option + " " + describe(e),
                BatchWriter.of(e, ssc.sparkContext().hadoopConfiguration(), out, err));
    }

    private JavaDStream<String> source(JavaStreamingContext ssc) {
        Endpoint s = settings.source();
        return switch (s.kind()) {
            case SOCKET -> ssc.socketTextStream(s.host(), s.port(), StorageLevel.MEMORY_AND_DISK_SER());
            case DIR -> ssc.textFileStream(s.path());
            default -> throw new IllegalArgumentException("--source " + s.kind() + " is not a DStream source");
        };
    }

    private static String describe(Endpoint e) {
        return switch (e.kind()) {
            case SOCKET -> "socket://" + e.hostPort();
            case DIR -> "dir:" + e.path();
            default -> e.kind().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
