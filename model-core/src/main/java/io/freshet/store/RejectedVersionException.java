package io.freshet.store;

import io.freshet.CorruptVersionException;

/**
 * A version is complete but its manifest says the quality gate rejected it, so it may not be served or
 * promoted. A subclass of {@link CorruptVersionException} so that everything mapping "a version that must
 * not be served" (exit codes, the predictor's loader) treats it the same way.
 */
public class RejectedVersionException extends CorruptVersionException {
    public RejectedVersionException(String message) {
        super(message);
    }
}
