package io.freshet.predictor;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link ModelWatcher#pollOnce()} every reload interval on a daemon thread of the driver. */
final class ModelPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPoller.class);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "freshet-model-poller");
        t.setDaemon(true);
        return t;
    });

    ModelPoller(ModelWatcher watcher, Duration interval) {
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                watcher.pollOnce();
            } catch (RuntimeException e) {
                LOG.error("model poll failed unexpectedly; will retry", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
