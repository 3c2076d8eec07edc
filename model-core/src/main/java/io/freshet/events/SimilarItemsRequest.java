package io.freshet.events;

import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A similar-items request, {@code {"item":7}} (docs/events.md): the items whose factors are closest to the item's,
 * {@code n} of them (empty: the stream's list length), obeying the request's rules, with an optional caller id
 * echoed back.
 */
public record SimilarItemsRequest(Optional<String> id, int item, OptionalInt n, ItemRules rules)
        implements Serializable {
    public SimilarItemsRequest {
        id = id == null ? Optional.empty() : id;
        n = n == null ? OptionalInt.empty() : n;
        rules = rules == null ? ItemRules.NONE : rules;
    }

    public static SimilarItemsRequest of(int item) {
        return new SimilarItemsRequest(Optional.empty(), item, OptionalInt.empty(), ItemRules.NONE);
    }

    /** How many items to list: {@code n} when the request gives it, else {@code fallback}. */
    public int count(int fallback) {
        return n.orElse(fallback);
    }
}
