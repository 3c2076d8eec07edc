package io.freshet.predictor;

import io.freshet.serving.ServingModel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The served model as a Spark broadcast, on the driver. {@link #accept} broadcasts a new model and makes it
 * the one the next batch takes; a batch {@link #acquire}s the broadcast once and {@link Lease#close}s it when
 * its job has finished. A replaced broadcast is destroyed (its blocks removed from every executor) once the
 * last batch that used it has closed its lease. One volatile publication: no batch sees half of two models.
 */
public final class BroadcastModel implements Consumer<ServingModel> {
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastModel.class);

    private final JavaSparkContext jsc;
    private volatile Lease current;

    public BroadcastModel(JavaSparkContext jsc) {
        this.jsc = jsc;
    }

    @Override
    public synchronized void accept(ServingModel model) {
        Lease next = new Lease(jsc.broadcast(model), model.version());
        Lease previous = current;
        current = next;
        if (previous != null) {
            previous.retire();
        }
    }

    /** The broadcast for one batch; empty until a model has been accepted. */
    public synchronized java.util.Optional<Lease> acquire() {
        Lease lease = current;
        if (lease == null) {
            return java.util.Optional.empty();
        }
        lease.users.incrementAndGet();
        return java.util.Optional.of(lease);
    }

    /** Destroys the served broadcast (at shutdown). */
    public synchronized void close() {
        if (current != null) {
            current.retire();
            current = null;
        }
    }

    /** One broadcast model and the number of batches using it. */
    public static final class Lease implements AutoCloseable {
        private final Broadcast<ServingModel> broadcast;
        private final String version;
        private final AtomicInteger users = new AtomicInteger(1); // the holder's own reference

        Lease(Broadcast<ServingModel> broadcast, String version) {
            this.broadcast = Objects.requireNonNull(broadcast);
            this.version = version;
        }

        public Broadcast<ServingModel> broadcast() {
            return broadcast;
        }

        public String version() {
            return version;
        }

        void retire() {
            release();
        }

        @Override
        public void close() {
            release();
        }

        private void release() {
            if (users.decrementAndGet() == 0) {
                LOG.info("released the broadcast of version {}", version);
                broadcast.destroy();
            }
        }
    }
}
