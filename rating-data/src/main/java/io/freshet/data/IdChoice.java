package io.freshet.data;

import io.freshet.ids.IdKind;
import java.util.Optional;

/**
 * How the reader takes the user and item ids (docs/input-formats.md, "Ids"): as the input shows them
 * ({@code AUTO}), or as one {@link IdKind} named on the command line with {@code --ids}.
 */
public enum IdChoice {
    /** Decided from the input before it is parsed: the first lines of a text input, the column types of Parquet. */
    AUTO,
    /** 32-bit ints, used as ALS's ids: today's path and artifact. */
    INT,
    /** 64-bit ints, mapped to int indices by a dictionary. */
    LONG,
    /** Strings of 1 to 256 bytes of UTF-8, mapped to int indices by a dictionary. */
    STRING;

    /** The kind named, or empty for {@code AUTO}. */
    public Optional<IdKind> kind() {
        return this == AUTO ? Optional.empty() : Optional.of(IdKind.valueOf(name()));
    }
}
