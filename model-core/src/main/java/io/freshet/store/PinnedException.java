package io.freshet.store;

import io.freshet.FreshetException;

/**
 * A pointer move refused because the pointer is pinned: only a pin or an unpin moves it until {@code trainer unpin}.
 * A fit catches it and publishes without promoting; a rollback ends with exit 12 (docs/exit-codes.md).
 */
public final class PinnedException extends FreshetException {
    private final transient Pin pin;

    public PinnedException(VersionId refused, Pin pin) {
        super("the pointer is pinned to " + pin.describe() + ", so it was not moved to " + refused
                + "; `trainer rollback --pin " + refused + "` moves the pin, `trainer unpin` releases it");
        this.pin = pin;
    }

    public Pin pin() {
        return pin;
    }
}
