package io.freshet.serving;

import io.freshet.FreshetException;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.store.VersionNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    private final Serving serving;
    private final Clock clock;
    private volatile ServingModel served;

    /**
     * How a version becomes the one served: loaded, validated and handed over in one step, which returns the model
     * now served (throwing a FreshetException, the served model unchanged, when the version cannot be served).
     */
    @FunctionalInterface
    public interface Serving {
        ServingModel serve(VersionId id);
    }

    /** Each version loaded whole by a {@link ModelLoader} and handed to {@code handover}. */
    public ModelWatcher(ModelStore store, Consumer<ServingModel> handover, Clock clock) {
        this(store, wholeLoads(new ModelLoader(store), handover), clock);
    }

    private ModelWatcher(ModelStore store, Serving serving, Clock clock) {
        this.store = store;
        this.serving = serving;
        this.clock = clock;
    }

    /** Each version served by {@code serving} (the predictor's placement, which loads what it places). */
    public static ModelWatcher serving(ModelStore store, Serving serving, Clock clock) {
        return new ModelWatcher(store, serving, clock);
    }

    private static Serving wholeLoads(ModelLoader loader, Consumer<ServingModel> handover) {
        return id -> {
            ServingModel model = loader.load(id);
            handover.accept(model);
            return model;
        };
    }

    /** What one poll did. */
    public enum Outcome { UNCHANGED, SWAPPED, NO_MODEL, FAILED }

    /**
     * The first load of a job. Serves the current version; when that one cannot be loaded or handed over while
     * other servable versions exist, serves the first of them that loads, with a warning naming both: the newest
     * version older than the current one first, then newer ones, newest first. The pointer does not move, and
     * later polls keep trying the current version. Throws VersionNotFoundException when the store holds no
     * servable version, the current version's error (with each fallback's as suppressed) when none loads, and
     * StoreException when the store cannot be read.
     */
    public ServingModel start() {
        Optional<VersionId> wanted = store.current();
        if (wanted.isEmpty()) {
            throw new VersionNotFoundException("no servable version in " + store.uri()
                    + " (train one first: trainer fit --store " + store.uri() + " ...)");
        }
        try {
            return serve(wanted.get(), null);
        } catch (FreshetException refused) {
            for (VersionId fallback : fallbacks(wanted.get())) {
                try {
                    ServingModel model = serve(fallback, null);
                    LOG.warn("STARTED ON AN OLDER MODEL: the current version {} cannot be served ({}); serving {}, "
                            + "the newest other version that loads. The pointer is unchanged: repair it with "
                            + "`trainer rollback` or a new fit; each poll tries {} again", wanted.get(),
                            refused.getMessage(), fallback, wanted.get());
                    return model;
                } catch (FreshetException alsoRefused) {
                    LOG.warn("cannot serve version {} either: {}", fallback, alsoRefused.getMessage());
                    refused.addSuppressed(alsoRefused);
                }
            }
            throw refused;
        }
    }

    /** Servable versions other than {@code wanted}: older ones newest first, then newer ones newest first. */
    private List<VersionId> fallbacks(VersionId wanted) {
        List<VersionId> older = new ArrayList<>();
        List<VersionId> newer = new ArrayList<>();
        for (Manifest m : store.manifests()) {
            VersionId id = VersionId.parse(m.id());
            if (m.servable() && !id.equals(wanted)) {
                (id.compareTo(wanted) < 0 ? older : newer).add(id);
            }
        }
        Collections.reverse(older);
        Collections.reverse(newer);
        older.addAll(newer);
        return older;
    }

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
        try {
            serve(wanted.get(), current);
            return Outcome.SWAPPED;
        } catch (FreshetException e) {
            LOG.warn("not serving version {}: {} (still serving {}; will retry at the next poll)", wanted.get(),
                    e.getMessage(), servedId());
            return Outcome.FAILED;
        }
    }

    /** Loads, validates and hands over {@code id} in place of {@code current}; throws what the load or handover threw. */
    private ServingModel serve(VersionId id, ServingModel current) {
        long t0 = System.nanoTime();
        ServingModel next = serving.serve(id);
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        served = next;
        Duration age = Duration.between(next.createdAt(), clock.instant());
        LOG.info("model swap: {} -> {} (load {} ms, model age {})", current == null ? "(none)" : current.version(),
                next.version(), loadMillis, age.withNanos(0));
        return next;
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
