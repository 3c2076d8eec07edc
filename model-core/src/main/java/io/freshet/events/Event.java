package io.freshet.events;

import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One event: a user (asks for top-N recommendations), a user and an item (asks for the pair's score), or a
 * user, an item and a rating (a rating to fold into the user's vector), with an optional caller id that is
 * echoed back in the output record.
 *
 * @param rating a rating event's value (finite, as a float), empty for requests
 * @param user     the user's id or, for a version of 64-bit or string ids, its index in the version's dictionary
 *                 ({@link #UNKNOWN} when the dictionary does not hold it)
 * @param item     the item, as {@code user}
 * @param rules    a top-N request's business rules ({@link ItemRules#NONE} for none, and for pairs and ratings)
 * @param userName for a version of 64-bit or string ids, the user's id as the event gave it (the decimal number or
 *                 the string), echoed in its records; null for int ids
 * @param itemName the item's id as given, as {@code userName}
 */
public record Event(Optional<String> id, int user, OptionalInt item, OptionalDouble rating, ItemRules rules,
                    String userName, String itemName) implements Serializable {
    /** The index of an id a version's dictionary does not hold: no index is negative. */
    public static final int UNKNOWN = -1;

    /** An event of int ids. */
    public Event(Optional<String> id, int user, OptionalInt item, OptionalDouble rating, ItemRules rules) {
        this(id, user, item, rating, rules, null, null);
    }

    public Event {
        id = id == null ? Optional.empty() : id;
        item = item == null ? OptionalInt.empty() : item;
        rating = rating == null ? OptionalDouble.empty() : rating;
        rules = rules == null ? ItemRules.NONE : rules;
        if (rating.isPresent() && item.isEmpty()) {
            throw new IllegalArgumentException("a rating event needs an item");
        }
        if (item.isPresent() && !rules.isNone()) {
            throw new IllegalArgumentException("rules apply to top-N requests only");
        }
    }

    /** An event without rules. */
    public Event(Optional<String> id, int user, OptionalInt item, OptionalDouble rating) {
        this(id, user, item, rating, ItemRules.NONE);
    }

    /** A request: top-N when {@code item} is empty, else the pair's score. */
    public Event(Optional<String> id, int user, OptionalInt item) {
        this(id, user, item, OptionalDouble.empty(), ItemRules.NONE);
    }

    public static Event rating(int user, int item, float rating) {
        return new Event(Optional.empty(), user, OptionalInt.of(item), OptionalDouble.of(rating));
    }

    public boolean isRating() {
        return rating.isPresent();
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

    /** The user as text: the id as given, or the int id in decimal (the Kafka key of the event's records). */
    public String userText() {
        return userName != null ? userName : Integer.toString(user);
    }

    /** The item as text, as {@link #userText}. */
    public String itemText() {
        return itemName != null ? itemName : Integer.toString(item.orElseThrow());
    }

    /** The rating of a rating event as ALS saw it: a 32-bit float. */
    public float ratingValue() {
        return (float) rating.orElseThrow();
    }
}
