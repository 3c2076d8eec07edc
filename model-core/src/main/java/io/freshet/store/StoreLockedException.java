package io.freshet.store;

/** Another trainer holds the store lock (and did not release it within the wait). */
public class StoreLockedException extends StoreException {
    public StoreLockedException(String message) {
        super(message);
    }
}
