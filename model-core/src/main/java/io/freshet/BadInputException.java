package io.freshet;

/**
 * The rating input cannot be trained on: a malformed line (the message names file, line and field), an
 * unknown format, an empty input, or one too small for the rank. Nothing is published.
 */
public class BadInputException extends FreshetException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
