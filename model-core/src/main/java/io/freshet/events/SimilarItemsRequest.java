package io.freshet.events;

import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A similar-items request, {@code {"item":7}} (docs/events.md): the items whose factors are closest to the item's,
 * {@code n} of them (empty: the stream's list length), obeying the request's rules, with an optional caller id
 * echoed back. {@code item} is the item's id, or its index in the version's dictionary (then {@code itemName} is
 * the id as given; {@link Event#UNKNOWN} when the dictionary does not hold it).
 */
public record SimilarItemsRequest(Optional<String> id, int item, OptionalInt n, ItemRules rules, String itemName)
        implements Serializable {
    /** A request of an int item id. */
    public SimilarItemsRequest(Optional<String> id, int item, OptionalInt n, ItemRules rules) {
        this(id, item, n, rules, null);
    }

    public SimilarItemsRequest {
        id = id == null ? Optional.empty() : id;
        n = n == null ? OptionalInt.empty() : n;
        rules = rules == null ? ItemRules.NONE : rules;
    }

    public static SimilarItemsRequest of(int item) {
        return new SimilarItemsRequest(Optional.empty(), item, OptionalInt.empty(), ItemRules.NONE);
    }

    /** The item as text: the id as given (a version of 64-bit or string ids), or the int id in decimal. */
    public String itemText() {
        return itemName != null ? itemName : Integer.toString(item);
    }

    /** How many items to list: {@code n} when the request gives it, else {@code fallback}. */
    public int count(int fallback) {
        return n.orElse(fallback);
    }
}
