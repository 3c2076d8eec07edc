package io.freshet;

/**
 * Base of every error Freshet reports on purpose. Each subclass is one kind of failure that the command
 * lines map to one documented exit code (docs/exit-codes.md); the message names what failed and where.
 */
public abstract class FreshetException extends RuntimeException {
    protected FreshetException(String message) {
        super(message);
    }

    protected FreshetException(String message, Throwable cause) {
        super(message, cause);
    }
}
