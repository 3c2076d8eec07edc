package io.freshet.events;

import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One event to score: a user (asks for top-N recommendations) or a user and an item (asks for a predicted
 * rating), with an optional caller id that is echoed back in the output record.
 */
public record Event(Optional<String> id, int user, OptionalInt item) implements Serializable {
    public Event {
        id = id == null ? Optional.empty() : id;
        item = item == null ? OptionalInt.empty() : item;
    }

    public static Event user(int user) {
        return new Event(Optional.empty(), user, OptionalInt.empty());
    }

    public static Event pair(int user, int item) {
        return new Event(Optional.empty(), user, OptionalInt.of(item));
    }

    public boolean wantsRecommendations() {
        return item.isEmpty();
    }
}
