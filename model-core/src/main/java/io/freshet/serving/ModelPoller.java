package io.freshet.serving;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ModelWatcher#pollOnce()} every reload interval on a daemon thread (of the streaming job's driver). Whatever a poll
 * throws is logged and the next poll runs: an Error too (an OutOfMemoryError loading a version too large for the
 * driver), which would otherwise cancel the schedule silently and leave the stream serving a stale model forever.
 */
public final class ModelPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPoller.class);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "freshet-model-poller");
        t.setDaemon(true);
        return t;
    });

    public ModelPoller(ModelWatcher watcher, Duration interval) {
        this(watcher::pollOnce, interval);
    }

    /** Runs {@code poll} every {@code interval}. */
    public ModelPoller(Runnable poll, Duration interval) {
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                poll.run();
            } catch (RuntimeException e) {
                LOG.error("model poll failed unexpectedly; the model being served stays; will retry", e);
            } catch (Error e) { // reported and survived: the next poll may well succeed
                LOG.error("model poll failed with {}; the model being served stays; will retry in {} ms",
                        e.getClass().getName(), ms, e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
