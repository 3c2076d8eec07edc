package io.freshet.predictor.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM (and SIGINT) stop the stream gracefully: the batches received are finished, then the job
 * exits 0. In local mode Spark's own stopGracefullyOnShutdown loses the backlog (its executor's shutdown
 * hook runs first and stops the executor before the context can drain the received blocks), so the signal is
 * handled here, on a thread of its own.
 */
final class GracefulStop {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    private final Runnable stop;
    private volatile Thread stopping;

    private GracefulStop(Runnable stop) {
        this.stop = stop;
    }

    static GracefulStop install(Runnable stop) {
        GracefulStop g = new GracefulStop(stop);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> g.begin(name));
        }
        return g;
    }

    private synchronized void begin(String signal) {
        if (stopping != null) {
            return;
        }
        LOG.info("SIG{} received: finishing the batches in flight, then stopping", signal);
        stopping = new Thread(stop, "freshet-graceful-stop");
        stopping.start();
    }

    /** Waits for a signal-initiated stop to complete, if one began. */
    void awaitStopped() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = stopping;
        }
        if (t != null) {
            t.join();
        }
    }
}
