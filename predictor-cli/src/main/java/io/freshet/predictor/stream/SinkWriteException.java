package io.freshet.predictor.stream;

import io.freshet.store.StoreException;
import java.util.Optional;

/**
 * A batch could not be written to a sink (a directory or topic the predictor writes); the message names the sink
 * and the reason. The CLI gives it the store I/O exit code, as for every other path Freshet cannot write.
 */
public final class SinkWriteException extends StoreException {
    public SinkWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first SinkWriteException in the cause chain of {@code e} (Spark wraps what a batch function threw). */
    static Optional<SinkWriteException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SinkWriteException s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * One line saying why a write failed: the first line of the innermost cause's message (Spark's job failures
     * carry the executor's stack trace in their own).
     */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message).strip();
    }
}
