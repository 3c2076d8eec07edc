package io.freshet.predictor.placement;

import io.freshet.predictor.executor.BatchRecord;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ModelWatcher;
import io.freshet.serving.ServingModel;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The served model on the driver, as Spark broadcasts it: whole, or, for a model over the broadcast budget, its
 * item side with the users in a cached RDD ({@link ModelPlacement}). {@link #accept} places a new model and makes
 * it the one the next batch takes; a batch {@link #acquire}s it once and {@link Lease#close}s it when its job has
 * finished. A replaced model is released (its broadcast destroyed, its cached users unpersisted) once the last
 * batch that used it has closed its lease. One volatile publication: no batch sees half of two models.
 */
public final class BroadcastModel implements Consumer<ServingModel> {
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastModel.class);

    private final Function<ServingModel, PlacedModel> placement;
    private final Function<VersionId, PlacedModel> loadAndPlace;
    private volatile Lease current;

    /** Every version broadcast whole, whatever its size. */
    public BroadcastModel(JavaSparkContext jsc) {
        this(model -> new FullBroadcast(jsc, model), null);
    }

    /** Versions up to {@code budgetBytes} broadcast whole, larger ones with their users joined from {@code store}. */
    public BroadcastModel(JavaSparkContext jsc, ModelStore store, long budgetBytes) {
        this(new ModelPlacement(jsc, store, budgetBytes));
    }

    private BroadcastModel(ModelPlacement placement) {
        this(placement, placement::place);
    }

    private BroadcastModel(Function<ServingModel, PlacedModel> placement, Function<VersionId, PlacedModel> loadAndPlace) {
        this.placement = placement;
        this.loadAndPlace = loadAndPlace;
    }

    /**
     * Loads version {@code id} as its placement needs it (over the budget, the driver reads only its item side when
     * its manifest lists chunk digests), places it and serves it from the next batch on, as {@link #accept} does;
     * returns the model the driver holds (whole, or the item side). For a {@link ModelWatcher}.
     */
    public ServingModel serve(VersionId id) {
        if (loadAndPlace == null) {
            throw new IllegalStateException("this broadcast model places loaded models only (no store)");
        }
        PlacedModel placed = loadAndPlace.apply(id);
        swapTo(placed);
        return placed.broadcast().value();
    }

    /**
     * Places the model and serves it from the next batch on. Placing runs outside the lock (a joined user side
     * takes Spark jobs to build), so batches keep taking the previous model meanwhile; a failure to place it
     * leaves the previous model served.
     */
    @Override
    public void accept(ServingModel model) {
        swapTo(placement.apply(model));
    }

    private void swapTo(PlacedModel placed) {
        Lease next = new Lease(placed);
        Lease previous;
        synchronized (this) {
            previous = current;
            current = next;
        }
        if (previous != null) {
            previous.retire();
        }
    }

    /** The model for one batch; empty until a model has been accepted. */
    public synchronized java.util.Optional<Lease> acquire() {
        Lease lease = current;
        if (lease == null) {
            return java.util.Optional.empty();
        }
        lease.users.incrementAndGet();
        return java.util.Optional.of(lease);
    }

    /** Releases the served model (at shutdown). */
    public synchronized void close() {
        if (current != null) {
            current.retire();
            current = null;
        }
    }

    /** One placed model and the number of batches using it. */
    public static final class Lease implements AutoCloseable {
        private final PlacedModel placed;
        private final AtomicInteger users = new AtomicInteger(1); // the holder's own reference

        Lease(PlacedModel placed) {
            this.placed = Objects.requireNonNull(placed);
        }

        /** The broadcast model: the whole model, or its item side when the users are joined. */
        public Broadcast<ServingModel> broadcast() {
            return placed.broadcast();
        }

        public String version() {
            return placed.version();
        }

        /** True when the model folds ratings: it holds its training ratings and is broadcast whole. */
        public boolean folds() {
            return placed.folds();
        }

        /** True when the model was over the broadcast budget: items broadcast, users joined per batch. */
        public boolean usersJoined() {
            return placed.usersJoined();
        }

        /** A batch's records (see {@link ScoredBatch}), computed lazily. */
        JavaRDD<BatchRecord> score(JavaRDD<String> events, EventProcessor processor) {
            return placed.score(events, processor);
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
                LOG.info("released the {} of version {}", placed.usersJoined() ? "item broadcast and cached users"
                        : "broadcast", placed.version());
                placed.release();
            }
        }
    }
}
