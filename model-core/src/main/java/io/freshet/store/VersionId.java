package io.freshet.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The id of one model version: a UTC timestamp to the second and a random suffix, for example
 * {@code 20261125T152000Z-3fa9c1}. Ids sort by time as strings; the suffix keeps two trainers that
 * publish in the same second apart.
 */
public record VersionId(String value) implements Comparable<VersionId> {
    private static final Pattern FORMAT = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{6}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    private static final SecureRandom RANDOM = new SecureRandom();

    public VersionId {
        if (!isValid(value)) {
            throw new IllegalArgumentException(
                    "version id must look like 20261125T152000Z-3fa9c1 (a real UTC time and 6 hex digits), got: " + value);
        }
    }

    /** Parses an id, naming the bad value when it is not one. */
    public static VersionId parse(String value) {
        return new VersionId(value);
    }

    /**
     * True when {@code value} has the form of a version id and its time exists (not month 13 or hour 25): used to
     * skip foreign entries in a listing.
     */
    public static boolean isValid(String value) {
        if (value == null || !FORMAT.matcher(value).matches()) {
            return false;
        }
        try {
            STAMP.parse(value.substring(0, 16));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A new id for the current time of {@code clock}. */
    public static VersionId generate(Clock clock) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return new VersionId(STAMP.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix));
    }

    /** The time the id was made, to the second. */
    public Instant createdAt() {
        return STAMP.parse(value.substring(0, 16), Instant::from);
    }

    @Override
    public int compareTo(VersionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
