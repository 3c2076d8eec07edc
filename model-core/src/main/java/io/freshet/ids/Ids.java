package io.freshet.ids;

import java.io.Serializable;
import java.util.Objects;

/**
 * A version's id space: the kind of its ids and, for 64-bit and string ids, the dictionaries of both sides.
 * {@link #INT} is the space of a version whose ids are ALS's own (no dictionary).
 *
 * @param users the user dictionary, null for int ids
 * @param items the item dictionary, null for int ids
 */
public record Ids(IdKind kind, IdDictionary users, IdDictionary items) implements Serializable {
    /** The most UTF-8 bytes a string id may have. */
    public static final int MAX_STRING_BYTES = 256;

    /** Int ids, used as they are. */
    public static final Ids INT = new Ids(IdKind.INT, null, null);

    public Ids {
        Objects.requireNonNull(kind, "kind");
        if (kind == IdKind.INT) {
            if (users != null || items != null) {
                throw new IllegalArgumentException("int ids have no dictionaries");
            }
        } else if (users == null || items == null || users.kind() != kind || items.kind() != kind) {
            throw new IllegalArgumentException(kind.label() + " ids need a " + kind.label() + " dictionary of each side");
        }
    }

    /** The space of {@code users} and {@code items}, both of one kind. */
    public static Ids of(IdDictionary users, IdDictionary items) {
        return new Ids(users.kind(), users, items);
    }

    public boolean mapped() {
        return kind.mapped();
    }

    /** The user at {@code index} as text (the index itself for int ids). */
    public String userText(int index) {
        return mapped() ? users.textAt(index) : Integer.toString(index);
    }

    /** The item at {@code index} as text (the index itself for int ids). */
    public String itemText(int index) {
        return mapped() ? items.textAt(index) : Integer.toString(index);
    }

    /**
     * The 64-bit integer whose decimal text ({@link Long#toString}) is exactly {@code text}, or null: how an id given
     * as text names an int or 64-bit id ({@code "17"} does, {@code "017"} and {@code "+17"} do not).
     */
    public static Long canonicalLong(String text) {
        try {
            long value = Long.parseLong(text);
            return Long.toString(value).equals(text) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
