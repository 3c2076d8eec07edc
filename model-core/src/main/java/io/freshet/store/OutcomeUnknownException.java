package io.freshet.store;

/**
 * A rename that publishes a version or replaces the pointer threw after it was issued, and the store could not be
 * read afterwards to tell whether it took effect (a lost connection to the NameNode, say). Nothing is known to be
 * broken: `trainer list` and `trainer show` tell which way it went. Exit code 11 (docs/exit-codes.md).
 */
public final class OutcomeUnknownException extends StoreException {
    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
