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
    private final ScheduledExecutorService executor;

    public ModelPoller(ModelWatcher watcher, Duration interval) {
        this(watcher::pollOnce, interval);
    }

    /** Runs {@code poll} every {@code interval}. */
    public ModelPoller(Runnable poll, Duration interval) {
        this("model", poll, interval);
    }

    /** Runs {@code poll} every {@code interval}; {@code what} ("model", "availability") names it in logs and threads. */
    public ModelPoller(String what, Runnable poll, Duration interval) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "freshet-" + what + "-poller");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                poll.run();
            } catch (RuntimeException e) {
                LOG.error("{} poll failed unexpectedly; the {} being served stays; will retry", what, what, e);
            } catch (Error e) { // reported and survived: the next poll may well succeed
                LOG.error("{} poll failed with {}; the {} being served stays; will retry in {} ms", what,
                        e.getClass().getName(), what, ms, e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
