package io.freshet;

/**
 * A version (or a file in it) fails validation: wrong format version, checksum mismatch, truncated file,
 * wrong shapes, NaN or Inf. Such a version is never published and never served.
 */
public class CorruptVersionException extends FreshetException {
    public CorruptVersionException(String message) {
        super(message);
    }

    public CorruptVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
