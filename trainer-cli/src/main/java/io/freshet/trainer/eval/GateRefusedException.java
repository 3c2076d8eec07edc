package io.freshet.trainer.eval;

import io.freshet.FreshetException;
import io.freshet.cli.ExitCode;
import io.freshet.store.VersionId;

/**
 * The quality gate refused a version: it was published with status {@code rejected} and the pointer did not
 * move. Exit code 6 (docs/exit-codes.md).
 */
public final class GateRefusedException extends FreshetException implements ExitCode.GateRefusal {
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
