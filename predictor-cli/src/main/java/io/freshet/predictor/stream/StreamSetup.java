package io.freshet.predictor.stream;

import io.freshet.predictor.metrics.CountedPolls;
import io.freshet.predictor.metrics.PredictorMetrics;
import io.freshet.predictor.placement.BroadcastModel;
import io.freshet.predictor.placement.FoldState;
import io.freshet.predictor.placement.ScoredBatch;
import io.freshet.serving.AvailabilityWatcher;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ModelPoller;
import io.freshet.serving.ModelWatcher;
import io.freshet.serving.ServingModel;
import io.freshet.scoring.Scorer;
import io.freshet.store.ModelStore;
import java.time.Clock;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both streaming jobs set up around their engine, and how they run it: the store opened over the job's
 * Hadoop configuration, the served model placed on the executors and its watcher started (a model is served
 * before the first batch, or the job stops with the store's error), each batch scored with the model served at
 * its start and counted for the {@link BatchLog}, the pointer polled every reload interval while the stream runs,
 * the store's item availability read at start and polled on its own interval (each batch obeys the availability
 * served at its start, with no model swap), the driver's metrics ({@link PredictorMetrics}) registered with Spark's
 * metrics system and fed by the polls and the batch log, and SIGTERM finishing the batches in flight.
 */
final class StreamSetup {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSetup.class);
    /** Where, under --checkpoint DIR, the fold-in state of each committed batch is saved. */
    static final String FOLD_STATE_DIRECTORY = "freshet-fold-state";

    /** A stream engine (DStream, Structured Streaming) as {@link #run} drives it. */
    interface Engine {
        /** Starts the stream: batches begin. */
        void start();

        /** Blocks until the stream has stopped; throws what failed it. */
        void awaitTermination() throws InterruptedException;

        /** Stops once the batches in flight are done (SIGTERM, SIGINT). */
        void stopGracefully();

        /** Called last, whatever happened: stops what still runs. */
        void close();
    }

    private final StreamSettings settings;
    private final BroadcastModel model;
    private final ModelWatcher watcher;
    private final AvailabilityWatcher availability;
    private final EventProcessor processor;
    private final PredictorMetrics metrics;
    private final BatchLog batchLog;
    private final FoldState folds; // null: the stream does not fold

    private StreamSetup(StreamSettings settings, BroadcastModel model, ModelWatcher watcher,
                        AvailabilityWatcher availability, PredictorMetrics metrics, FoldState folds) {
        this.settings = settings;
        this.model = model;
        this.watcher = watcher;
        this.availability = availability;
        this.metrics = metrics;
        this.batchLog = new BatchLog(metrics);
        this.folds = folds;
        this.processor = new EventProcessor(settings.topN(), settings.excludeSeen(), settings.fold().newUsers());
    }

    /**
     * Opens the store and serves its current model (an older one that loads, loudly, when it cannot be served);
     * when none can be, runs {@code stopSpark} and rethrows.
     */
    static StreamSetup serve(JavaSparkContext jsc, StreamSettings settings, Runnable stopSpark) {
        ModelStore store = ModelStore.open(settings.store(), jsc.hadoopConfiguration());
        BroadcastModel model = new BroadcastModel(jsc, store, settings.broadcastBudgetBytes());
        ModelWatcher watcher = ModelWatcher.serving(store, model::serve, Clock.systemUTC());
        AvailabilityWatcher availability = new AvailabilityWatcher(store);
        ServingModel first;
        try {
            first = watcher.start();
            availability.start();
        } catch (RuntimeException e) {
            stopSpark.run();
            throw e;
        }
        PredictorMetrics metrics = PredictorMetrics.registerOn(jsc.sc(),
                new PredictorMetrics(Clock.systemUTC(), Scorer.kernelName()));
        metrics.serving(first.version(), first.createdAt());
        FoldState folds = settings.fold().enabled() ? new FoldState(jsc, settings.fold().idleTimeout(),
                settings.fold().maxUsers(), settings.checkpoint() == null ? null
                : new org.apache.hadoop.fs.Path(settings.checkpoint(), FOLD_STATE_DIRECTORY).toString()) : null;
        return new StreamSetup(settings, model, watcher, availability, metrics, folds);
    }

    BatchLog batchLog() {
        return batchLog;
    }

    /**
     * Scores one batch with the model served now, hands it to {@code write} (which writes its sides) and reports
     * its counts to the batch log under {@code batch}. Throws, the batch not reported, when {@code write} does.
     */
    void score(JavaRDD<String> events, long batch, Consumer<ScoredBatch> write) {
        EventProcessor processor = this.processor.withAvailability(availability.served());
        try (BroadcastModel.Lease lease = model.acquire().orElseThrow()) {
            if (folds != null && lease.folds()) {
                scoreFolding(events, batch, write, lease, processor);
                return;
            }
            try (ScoredBatch scored = new ScoredBatch(events, lease, processor)) {
                write.accept(scored);
                batchLog.scored(batch, new BatchLog.Scored(scored.counts(), lease.version()));
            }
        }
    }

    /**
     * A batch scored against the fold-in state: its users' state meets it partition by partition, and the state it
     * leaves becomes current only once its records are written (a failed write leaves the state as it was).
     */
    private void scoreFolding(JavaRDD<String> events, long batch, Consumer<ScoredBatch> write,
                              BroadcastModel.Lease lease, EventProcessor processor) {
        FoldState.Batch folded = folds.score(events, lease.broadcast(), processor, batch, System.currentTimeMillis());
        boolean committed = false;
        try (ScoredBatch scored = new ScoredBatch(folded.records())) {
            write.accept(scored);
            FoldState.Stats stats = folded.commit();
            committed = true;
            batchLog.scored(batch, new BatchLog.Scored(scored.counts(), lease.version(), stats));
        } finally {
            if (!committed) {
                folded.abandon();
            }
        }
    }

    /** Runs the stream until it stops (SIGTERM, or a failed batch, which is thrown), polling the pointer meanwhile. */
    void run(Engine engine) {
        try (ModelPoller poller = new ModelPoller(new CountedPolls(watcher, metrics, Clock.systemUTC()),
                settings.reloadInterval());
             ModelPoller availabilityPoller = new ModelPoller("availability", availability::pollOnce,
                     settings.availabilityReloadInterval())) {
            engine.start();
            GracefulStop signals = GracefulStop.install(engine::stopGracefully);
            LOG.info("streaming from {} every {} ms, serving {}", settings.source().describe(),
                    settings.batchInterval().toMillis(), watcher.served().map(m -> m.version()).orElse("?"));
            engine.awaitTermination();
            signals.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            engine.close();
        }
        LOG.info("stream stopped");
    }
}
