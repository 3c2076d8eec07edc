package io.freshet.serving;

import io.freshet.FreshetException;

/** A version needs more heap than this JVM has free; nothing of it was read. */
public final class ModelTooLargeException extends FreshetException {
    public ModelTooLargeException(String message) {
        super(message);
    }
}
