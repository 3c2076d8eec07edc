package io.freshet.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * One record of the pointer history, {@code history/SEQUENCE.json} (docs/store-format.md, "Pointer history"): one
 * pointer move, or a pin or unpin. Written once, never changed.
 *
 * @param formatVersion the history record format, {@link #FORMAT_VERSION}
 * @param sequence      its place in the history, from 1, in the order the moves were made under the store lock
 * @param time          when the move was made
 * @param cause         {@link PointerMove}'s causes: fit, forced, rollback, promote, pin, unpin, unrecorded
 * @param from          the version CURRENT named before, or null (no CURRENT, or no version id in it)
 * @param to            the version CURRENT names after, or null
 * @param user          the operating-system user of the mover, or null when unknown (an unrecorded move)
 * @param host          the mover's host, or null when unknown
 * @param pid           the mover's process id, or null when unknown
 * @param reason        the operator's reason, or what the store found (unrecorded), or null
 * @param gate          the gate's decision of the version a fit promoted, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"formatVersion", "sequence", "time", "cause", "from", "to", "user", "host", "pid", "reason", "gate"})
public record HistoryRecord(int formatVersion, long sequence, Instant time, String cause, String from, String to,
                            String user, String host, Long pid, String reason, Manifest.GateDecision gate) {
    public static final int FORMAT_VERSION = 1;

    public HistoryRecord {
        Objects.requireNonNull(time, "history record time");
        Objects.requireNonNull(cause, "history record cause");
        if (sequence < 1) {
            throw new IllegalArgumentException("a history record's sequence starts at 1, got: " + sequence);
        }
    }
}
