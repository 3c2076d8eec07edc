package io.freshet.serving;

import io.freshet.FreshetException;
import io.freshet.availability.AvailabilityFile;
import io.freshet.availability.ItemAvailability;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which item availability to serve, as {@link ModelWatcher} does for the model: each poll lists the store's
 * availability files and, only when the newest is not the one served, reads and validates it whole, then swaps it in.
 * A file that fails validation or a store that cannot be read is logged and tried again at the next poll; the
 * availability being served stays. No file at all serves {@link ItemAvailability#ALL}. The loop around
 * {@link #pollOnce()} lives with the caller (a {@link ModelPoller} on its own interval).
 */
public final class AvailabilityWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityWatcher.class);

    private final ModelStore store;
    private volatile ItemAvailability served = ItemAvailability.ALL;

    public AvailabilityWatcher(ModelStore store) {
        this.store = store;
    }

    /**
     * The first read of a job: serves the newest file that is valid (a warning names each newer one refused), or
     * {@link ItemAvailability#ALL} when there is none. StoreException when the store cannot be read.
     */
    public ItemAvailability start() {
        List<VersionId> ids = new ArrayList<>(store.availabilityIds());
        Collections.reverse(ids);
        for (VersionId id : ids) {
            try {
                return swap(read(id));
            } catch (FreshetException e) {
                LOG.warn("not serving availability {}: {} (trying the one before)", id, e.getMessage());
            }
        }
        return served;
    }

    /** Reads the newest file and serves it when it is new and valid. Never throws for store or file faults. */
    public ModelWatcher.Outcome pollOnce() {
        List<VersionId> ids;
        try {
            ids = store.availabilityIds();
        } catch (FreshetException e) {
            LOG.warn("cannot list the availability files of {} (still serving {}): {}", store.uri(), served,
                    e.getMessage());
            return ModelWatcher.Outcome.FAILED;
        }
        if (ids.isEmpty()) {
            return ModelWatcher.Outcome.NO_MODEL;
        }
        VersionId newest = ids.get(ids.size() - 1);
        if (newest.value().equals(served.version())) {
            return ModelWatcher.Outcome.UNCHANGED;
        }
        try {
            swap(read(newest));
            return ModelWatcher.Outcome.SWAPPED;
        } catch (FreshetException e) {
            LOG.warn("not serving availability {}: {} (still serving {}; will retry at the next poll)", newest,
                    e.getMessage(), served);
            return ModelWatcher.Outcome.FAILED;
        }
    }

    /** The availability served now. */
    public ItemAvailability served() {
        return served;
    }

    private ItemAvailability read(VersionId id) {
        return AvailabilityFile.read(store.readAvailability(id), id.value(), id + " of " + store.uri());
    }

    private ItemAvailability swap(ItemAvailability next) {
        LOG.info("availability swap: {} -> {}", served, next);
        served = next;
        return next;
    }
}
