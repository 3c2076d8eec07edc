package io.freshet.cli;

import io.freshet.BadInputException;
import io.freshet.serving.ModelTooLargeException;
import io.freshet.CorruptVersionException;
import io.freshet.store.GateRefusedException;
import io.freshet.store.OutcomeUnknownException;
import io.freshet.store.PinnedException;
import io.freshet.store.PointerMovedException;
import io.freshet.store.StoreException;
import io.freshet.store.StoreLockedException;
import io.freshet.store.VersionNotFoundException;

/**
 * The exit codes of both command lines: a contract for cron, scripts and schedulers (docs/exit-codes.md,
 * ExitCodeContractTest). The cron wrapper adds {@link #LOG_UNWRITABLE} and {@link #RUN_IN_PROGRESS}.
 */
public final class ExitCode {
    public static final int OK = 0;
    /** An unexpected failure (a bug, or an error Freshet does not classify): the message and --verbose say more. */
    public static final int INTERNAL = 1;
    /** Bad command line: unknown option, missing or invalid value. */
    public static final int USAGE = 2;
    /** The input data cannot be trained on or scored: malformed line, empty, too small, undetectable format. */
    public static final int BAD_INPUT = 3;
    /** The store, or another path Freshet writes (rejects file, generator output, sink), cannot be reached or written. */
    public static final int STORE = 4;
    /** Another trainer holds the store lock. */
    public static final int LOCK_HELD = 5;
    /** The quality gate refused the new model; it stays in the store marked rejected. */
    public static final int GATE_REFUSED = 6;
    /** A version is corrupt or not servable (checksum, format version, NaN, rejected). */
    public static final int CORRUPT_MODEL = 7;
    /** The version asked for does not exist, or the store holds no version. */
    public static final int NOT_FOUND = 8;
    /** The version was published, but the pointer moved while it was judged, so it was not promoted. */
    public static final int POINTER_MOVED = 9;
    /** A version needs more heap than the JVM has free (the predictor's driver, transform): nothing was loaded. */
    public static final int TOO_LARGE = 10;
    /**
     * A rename that publishes a version or moves the pointer threw after it was issued, and the store could not tell
     * whether it took effect: see `trainer list` and `trainer show`.
     */
    public static final int OUTCOME_UNKNOWN = 11;
    /**
     * The pointer is pinned: a rollback (without --pin) or a promotion was refused. A fit on a pinned store is not
     * refused: it publishes without promoting and exits 0.
     */
    public static final int PINNED = 12;
    /**
     * cron/freshet-train: its log directory, lock file or run log cannot be created or written (read-only,
     * permission, full disk), said on stderr; nothing was run, or a successful run's log is incomplete.
     */
    public static final int LOG_UNWRITABLE = 73;
    /** cron/freshet-train: another run of the wrapper holds the host lock (flock); nothing was done. */
    public static final int RUN_IN_PROGRESS = 75;

    private ExitCode() {
    }

    /** The exit code for an exception that ended a command. */
    public static int of(Throwable e) {
        if (e instanceof GateRefusedException) {
            return GATE_REFUSED;
        }
        if (e instanceof BadInputException) {
            return BAD_INPUT;
        }
        if (e instanceof StoreLockedException) {
            return LOCK_HELD;
        }
        if (e instanceof PointerMovedException) {
            return POINTER_MOVED;
        }
        if (e instanceof OutcomeUnknownException) {
            return OUTCOME_UNKNOWN;
        }
        if (e instanceof PinnedException) {
            return PINNED;
        }
        if (e instanceof StoreException || e instanceof java.io.UncheckedIOException
                || e instanceof org.apache.hadoop.fs.FSError) {
            return STORE;
        }
        if (e instanceof CorruptVersionException) {
            return CORRUPT_MODEL;
        }
        if (e instanceof VersionNotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof ModelTooLargeException) {
            return TOO_LARGE;
        }
        if (e instanceof picocli.CommandLine.ParameterException) {
            return USAGE;
        }
        return INTERNAL;
    }
}
