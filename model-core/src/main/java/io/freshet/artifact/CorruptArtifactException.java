package io.freshet.artifact;

import io.freshet.CorruptVersionException;

/** A factor, seen-item or trained-rating file is malformed: the message names the file and what is wrong. */
public class CorruptArtifactException extends CorruptVersionException {
    public CorruptArtifactException(String message) {
        super(message);
    }

    public CorruptArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
