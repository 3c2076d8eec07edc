package io.freshet.store;

import io.freshet.FreshetException;
import java.util.Optional;

/**
 * A promotion refused because the current version is no longer the one the decision was made against: another
 * trainer (or a rollback) moved the pointer while this one fitted and judged. The version stays published; the
 * pointer keeps what the other writer chose.
 */
public final class PointerMovedException extends FreshetException {
    private final VersionId version;

    public PointerMovedException(VersionId version, Optional<VersionId> expected, Optional<VersionId> found) {
        super("version " + version + " was published but not promoted: the quality gate compared it with current "
                + expected.map(VersionId::value).orElse("(none)") + ", but the current version is now "
                + found.map(VersionId::value).orElse("(none)") + " (another trainer or a rollback moved the pointer "
                + "meanwhile); `trainer rollback " + version + "` promotes it if it should be served");
        this.version = version;
    }

    /** The version published but not promoted. */
    public VersionId version() {
        return version;
    }
}
