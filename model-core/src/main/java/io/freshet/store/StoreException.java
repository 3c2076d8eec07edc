package io.freshet.store;

import io.freshet.FreshetException;

/** The store cannot be reached, read or written; the message names the path and the operation. */
public class StoreException extends FreshetException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
