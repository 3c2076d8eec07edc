package io.freshet.store;

import java.util.Objects;

/**
 * Why the pointer is being moved, as its mover says it: the cause, an optional reason in the operator's words, and
 * the quality gate's decision when a fit promotes its version. The store adds the time, the versions, who and where
 * when it records the move in the history (docs/store-format.md, "Pointer history").
 *
 * @param cause  one of the causes below
 * @param reason free text ({@code --reason}), or null
 * @param gate   the gate's decision of the version promoted by a fit, or null
 */
public record PointerMove(String cause, String reason, Manifest.GateDecision gate) {
    /** A fit promoted its version (the gate passed, or no gate ran). */
    public static final String FIT = "fit";
    /** A fit promoted a version the gate refused, under --force. */
    public static final String FORCED = "forced";
    /** An operator pointed the pointer at a version ({@code trainer rollback}). */
    public static final String ROLLBACK = "rollback";
    /** A promotion through the library call with no further cause (tools, benchmarks). */
    public static final String PROMOTE = "promote";
    /** The pointer was pinned (and moved, when the pin names another version). */
    public static final String PIN = "pin";
    /** The pin was removed; the pointer stays. */
    public static final String UNPIN = "unpin";
    /**
     * Found by the next move: CURRENT named another version than the last record moved it to, so a move went
     * unrecorded (its writer was killed between replacing CURRENT and recording, or a writer without history moved it).
     */
    public static final String UNRECORDED = "unrecorded";

    public PointerMove {
        Objects.requireNonNull(cause, "cause");
    }

    public static PointerMove promote() {
        return new PointerMove(PROMOTE, null, null);
    }

    /** A fit's promotion of a version of manifest status {@code status}: {@code forced} or a plain fit. */
    public static PointerMove fit(String status, Manifest.GateDecision gate) {
        return new PointerMove(Manifest.FORCED.equals(status) ? FORCED : FIT, null, gate);
    }

    public static PointerMove rollback(String reason) {
        return new PointerMove(ROLLBACK, reason, null);
    }
}
