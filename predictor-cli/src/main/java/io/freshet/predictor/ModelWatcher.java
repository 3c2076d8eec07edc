package io.freshet.predictor;

import io.freshet.FreshetException;
import io.freshet.serving.ModelLoader;
import io.freshet.serving.ServingModel;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what to serve: reads the pointer and, only when it names a version other than the one served,
 * loads and validates it and hands it over. A version that fails validation, a store that cannot be read, or a
 * handover that fails (a user side the executors cannot read) is logged and tried again at the next poll; the
 * model being served is never dropped. The loop around {@link #pollOnce()} lives with the caller; tests call it
 * directly.
 */
public final class ModelWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    private final ModelStore store;
    private final ModelLoader loader;
    private final Consumer<ServingModel> handover;
    private final Clock clock;
    private volatile ServingModel served;

    public ModelWatcher(ModelStore store, Consumer<ServingModel> handover, Clock clock) {
        this.store = store;
        this.loader = new ModelLoader(store);
        this.handover = handover;
        this.clock = clock;
    }

    /** What one poll did. */
    public enum Outcome { UNCHANGED, SWAPPED, NO_MODEL, FAILED }

    /** Reads the pointer once; loads, validates and hands over a new version. Never throws for store or model faults. */
    public Outcome pollOnce() {
        Optional<VersionId> wanted;
        try {
            wanted = store.current();
        } catch (FreshetException e) {
            LOG.warn("cannot read the pointer of {} (still serving {}): {}", store.uri(), servedId(), e.getMessage());
            return Outcome.FAILED;
        }
        if (wanted.isEmpty()) {
            LOG.warn("store {} holds no servable version (still serving {})", store.uri(), servedId());
            return Outcome.NO_MODEL;
        }
        ServingModel current = served;
        if (current != null && current.version().equals(wanted.get().value())) {
            return Outcome.UNCHANGED;
        }
        long t0 = System.nanoTime();
        ServingModel next;
        try {
            next = loader.load(wanted.get());
        } catch (FreshetException e) {
            LOG.warn("not serving version {}: {} (still serving {}; will retry at the next poll)", wanted.get(),
                    e.getMessage(), servedId());
            return Outcome.FAILED;
        }
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        try {
            handover.accept(next);
        } catch (FreshetException e) {
            LOG.warn("cannot serve version {}: {} (still serving {}; will retry at the next poll)", wanted.get(),
                    e.getMessage(), servedId());
            return Outcome.FAILED;
        }
        served = next;
        Duration age = Duration.between(next.createdAt(), clock.instant());
        LOG.info("model swap: {} -> {} (load {} ms, model age {})", current == null ? "(none)" : current.version(),
                next.version(), loadMillis, age.withNanos(0));
        return Outcome.SWAPPED;
    }

    /** The version served now, if any. */
    public Optional<ServingModel> served() {
        return Optional.ofNullable(served);
    }

    private String servedId() {
        ServingModel m = served;
        return m == null ? "nothing" : m.version();
    }
}
