package io.freshet.ids;

import java.util.Locale;

/**
 * What the ids of a version's users and items are (docs/input-formats.md, "Ids"). {@code INT} ids are used as
 * they are; {@code LONG} and {@code STRING} ids are mapped to int indices by the version's dictionaries.
 */
public enum IdKind {
    /** 32-bit signed integers, used as ALS's ids directly: no dictionary (today's artifact, unchanged). */
    INT,
    /** 64-bit signed integers. */
    LONG,
    /** Strings of 1 to {@link Ids#MAX_STRING_BYTES} bytes of UTF-8. */
    STRING;

    /** The name in manifests and on the command line: {@code int}, {@code long}, {@code string}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the kinds a dictionary maps. */
    public boolean mapped() {
        return this != INT;
    }

    /** The kind named {@code label}; IllegalArgumentException naming the choices for any other text. */
    public static IdKind of(String label) {
        for (IdKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown id kind '" + label + "' (expected int, long or string)");
    }
}
