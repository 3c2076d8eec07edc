package io.freshet.store;

import io.freshet.FreshetException;

/**
 * The quality gate refused a version: it was published with status {@code rejected} and the pointer did not
 * move. Exit code 6 (docs/exit-codes.md).
 */
public final class GateRefusedException extends FreshetException {
    private final transient VersionId version;

    public GateRefusedException(VersionId version, String message) {
        super(message);
        this.version = version;
    }

    /** The rejected version, as published. */
    public VersionId version() {
        return version;
    }
}
