package io.freshet.data;

import io.freshet.ids.IdKind;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Objects;

/**
 * The id space of ratings read (docs/input-formats.md, "Ids"): int ids, used by ALS as they are, or 64-bit or
 * string ids that the reader mapped to int indices, with the dictionary of each side on the executors. The
 * dictionaries go into a version's {@code ids/users.bin} and {@code ids/items.bin} (docs/store-format.md, "Id
 * dictionaries") by {@link #writeUsers} and {@link #writeItems}, streamed: the driver never holds them whole.
 */
public final class RatingIds {
    /** Int ids: no dictionary. */
    public static final RatingIds INT = new RatingIds(IdKind.INT, null, null);

    private final IdKind kind;
    private final DictionaryFrame users;
    private final DictionaryFrame items;

    private RatingIds(IdKind kind, DictionaryFrame users, DictionaryFrame items) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.users = users;
        this.items = items;
    }

    /** Mapped ids of {@code users}' kind. */
    static RatingIds mapped(IdKind kind, DictionaryFrame users, DictionaryFrame items) {
        if (!kind.mapped()) {
            throw new IllegalArgumentException("int ids are not mapped");
        }
        return new RatingIds(kind, Objects.requireNonNull(users, "users"), Objects.requireNonNull(items, "items"));
    }

    public IdKind kind() {
        return kind;
    }

    public boolean mapped() {
        return kind.mapped();
    }

    /** Writes the user dictionary file to {@code out} (and closes it). */
    public void writeUsers(OutputStream out) throws IOException {
        dictionary(users).write(out);
    }

    /** Writes the item dictionary file to {@code out} (and closes it). */
    public void writeItems(OutputStream out) throws IOException {
        dictionary(items).write(out);
    }

    /** The user ids as text (decimal for 64-bit ids) in index order: the id of index {@code i} is the i-th. */
    public Iterator<String> userTexts() {
        return dictionary(users).texts();
    }

    /** The item ids as text in index order. */
    public Iterator<String> itemTexts() {
        return dictionary(items).texts();
    }

    /** Drops the cached dictionaries (no-op for int ids). */
    public void release() {
        if (mapped()) {
            users.release();
            items.release();
        }
    }

    private DictionaryFrame dictionary(DictionaryFrame side) {
        if (!mapped()) {
            throw new IllegalStateException("int ids have no dictionary");
        }
        return side;
    }

    @Override
    public String toString() {
        return mapped() ? users + " and " + items : "int ids";
    }
}
