package io.freshet.artifact;

import io.freshet.CorruptVersionException;

/** A factor or seen-item file is malformed: the message names the file and what is wrong. */
public class CorruptArtifactException extends CorruptVersionException {
    public CorruptArtifactException(String message) {
        super(message);
    }

    public CorruptArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
