package io.freshet.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * The pin, {@code STORE/PIN} (docs/store-format.md, "The pin"): while it exists, fits publish without promoting and
 * only a pin or an unpin moves the pointer.
 *
 * @param formatVersion the pin file format, {@link #FORMAT_VERSION}
 * @param version       the version pinned
 * @param time          when it was pinned
 * @param user          who pinned it (operating-system user)
 * @param host          on which host
 * @param reason        why ({@code --reason}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"formatVersion", "version", "time", "user", "host", "reason"})
public record Pin(int formatVersion, String version, Instant time, String user, String host, String reason) {
    public static final int FORMAT_VERSION = 1;

    public Pin {
        Objects.requireNonNull(version, "pinned version");
        Objects.requireNonNull(time, "pin time");
    }

    public VersionId versionId() {
        return VersionId.parse(version);
    }

    /** {@code VERSION by USER@HOST since TIME (REASON)}: what the command lines say of a pin. */
    public String describe() {
        return version + " by " + user + "@" + host + " since " + time + (reason == null ? "" : " (" + reason + ")");
    }
}
