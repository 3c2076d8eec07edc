package io.freshet.store;

import io.freshet.FreshetException;

/** A version that was asked for is not a complete version in the store (or the store holds none). */
public class VersionNotFoundException extends FreshetException {
    public VersionNotFoundException(String message) {
        super(message);
    }
}
