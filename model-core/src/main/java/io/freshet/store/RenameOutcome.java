package io.freshet.store;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a rename that threw did: a client's call can fail after the file system carried it out (the reply was
 * lost), so the store looks before it reports. The source gone and the target there: it took effect. The source
 * still there: it did not. Anything else, or a store that cannot be read now: unknown.
 */
final class RenameOutcome {
    private static final Logger LOG = LoggerFactory.getLogger(RenameOutcome.class);

    private RenameOutcome() {
    }

    /**
     * Returns normally (with a warning) when the rename of {@code source} to {@code target} that threw {@code thrown}
     * took effect; throws a StoreException when it did not, an OutcomeUnknownException when that cannot be told.
     */
    static void settle(FileSystem fs, Path source, Path target, IOException thrown, String what) {
        boolean sourceThere;
        boolean targetThere;
        try {
            sourceThere = fs.exists(source);
            targetThere = fs.exists(target);
        } catch (IOException e) {
            OutcomeUnknownException unknown = new OutcomeUnknownException(what + ": renaming " + source + " to "
                    + target + " threw after it was issued (" + thrown.getMessage() + ") and the store cannot be read "
                    + "now to tell whether it took effect (" + e.getMessage() + "); `trainer list` and `trainer show` "
                    + "tell which way it went", thrown);
            unknown.addSuppressed(e);
            throw unknown;
        }
        if (!sourceThere && targetThere) {
            LOG.warn("{}: renaming {} to {} threw ({}), but it took effect", what, source, target, thrown.getMessage());
            return;
        }
        if (sourceThere) {
            throw new StoreException(what + ": cannot rename " + source + " to " + target + ": " + thrown.getMessage(),
                    thrown);
        }
        throw new OutcomeUnknownException(what + ": renaming " + source + " to " + target + " threw ("
                + thrown.getMessage() + ") and neither is there now; `trainer list` and `trainer show` tell what the "
                + "store holds", thrown);
    }
}
