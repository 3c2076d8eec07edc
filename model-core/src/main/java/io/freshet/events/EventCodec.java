package io.freshet.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.freshet.PrimitiveList;
import io.freshet.ids.Ids;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Parses raw events (docs/events.md): a plain line {@code USER}, {@code USER,ITEM} or {@code USER,ITEM,RATING},
 * or a JSON object {@code {"user":42}}, {@code {"user":42,"item":7}}, {@code {"user":42,"item":7,"rating":4.5}},
 * {@code {"uid":42}}, with an optional {@code "id"} (string or number) echoed back and, on a rating, an optional
 * {@code "time"} (ignored); a top-N request may carry rules ({@code "exclude"}, {@code "include"}: lists of item
 * ids); {@code {"item":7}} (no user) asks for similar items, with an optional {@code "n"} and rules. Ids are those of
 * the served version's id space ({@link EventIds}): 32-bit integers, 64-bit integers or strings; a rating is a finite number that fits a 32-bit float. Every other input is a {@link ParsedEvent.Rejected}
 * with a reason; nothing is dropped. One codec for every source: socket, directory, Kafka, transform.
 */
public final class EventCodec {
    /** Strict about repeated fields: {"user":1,"user":2} is an error, not user 2. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** The most of a bad value a reason echoes. */
    static final int ECHO_LIMIT = 64;
    /** The most item ids a rules list holds, and the largest {@code n} of a similar-items request. */
    public static final int MAX_LIST = 10_000;

    private EventCodec() {
    }

    /**
     * True when {@code raw} holds nothing but ASCII white space (space, tab, CR, LF): a blank line, which is not
     * an event. Any other character, Unicode white space included, makes it an event (or an error record).
     */
    public static boolean isBlank(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Parses an event of int ids. */
    public static ParsedEvent parse(String raw) {
        return parse(raw, Ids.INT);
    }

    /**
     * Parses an event whose ids are those of the id space {@code ids} (a served version's): for a version of 64-bit
     * or string ids, the event's user and items are its dictionaries' indices, and the ids as given are kept for the
     * records (docs/events.md, "Ids").
     */
    public static ParsedEvent parse(String raw, Ids ids) {
        if (raw == null) {
            return new ParsedEvent.Rejected("", "no value: the record carries no event (a Kafka tombstone or an "
                    + "empty value)");
        }
        String line = raw.strip();
        if (line.isEmpty()) {
            return new ParsedEvent.Rejected(raw, "empty event");
        }
        EventIds syntax = new EventIds(ids);
        return line.charAt(0) == '{' ? parseJson(raw, line, syntax) : parsePlain(raw, line, syntax);
    }

    private static ParsedEvent parsePlain(String raw, String line, EventIds syntax) {
        String[] fields = line.split(",", -1);
        if (fields.length > 3) {
            return new ParsedEvent.Rejected(raw, "expected USER, USER,ITEM or USER,ITEM,RATING, found more than "
                    + "three fields");
        }
        String userText = fields[0].strip();
        EventIds.Id user = syntax.fromText(userText, false);
        if (user == null) {
            return badId(raw, "user", syntax, userText);
        }
        if (fields.length == 1) {
            return ok(Optional.empty(), user, null, OptionalDouble.empty(), ItemRules.NONE);
        }
        String itemText = fields[1].strip();
        EventIds.Id item = syntax.fromText(itemText, true);
        if (item == null) {
            return badId(raw, "item", syntax, itemText);
        }
        if (fields.length == 2) {
            return ok(Optional.empty(), user, item, OptionalDouble.empty(), ItemRules.NONE);
        }
        String ratingText = fields[2].strip();
        OptionalDouble rating = rating(ratingText);
        if (rating.isEmpty()) {
            return badRating(raw, "'" + echo(ratingText) + "'");
        }
        return ok(Optional.empty(), user, item, rating, ItemRules.NONE);
    }

    private static ParsedEvent ok(Optional<String> id, EventIds.Id user, EventIds.Id item, OptionalDouble rating,
                                  ItemRules rules) {
        return new ParsedEvent.Ok(new Event(id, user.value(), item == null ? OptionalInt.empty()
                : OptionalInt.of(item.value()), rating, rules, user.name(), item == null ? null : item.name()));
    }

    private static ParsedEvent parseJson(String raw, String line, EventIds syntax) {
        EventIds.Id user = null;
        EventIds.Id item = null;
        String id = null;
        OptionalDouble rating = OptionalDouble.empty();
        int[] exclude = null;
        int[] include = null;
        String nShown = null; // the n field as given, checked when the event is a similar-items request
        OptionalInt n = OptionalInt.empty();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new ParsedEvent.Rejected(raw, "not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "user", "uid" -> {
                        if (user != null) {
                            return new ParsedEvent.Rejected(raw, "user given twice (user and uid are one field)");
                        }
                        user = syntax.fromJson(p, value, false);
                        if (user == null) {
                            return badJsonId(raw, field, syntax, p, value);
                        }
                    }
                    case "item" -> {
                        item = syntax.fromJson(p, value, true);
                        if (item == null) {
                            return badJsonId(raw, field, syntax, p, value);
                        }
                    }
                    case "rating" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                            rating = rating(p.getText());
                        } else if (value == JsonToken.VALUE_STRING) {
                            rating = rating(p.getText().strip());
                        }
                        if (rating.isEmpty()) {
                            String shown = value == null ? "nothing" : value.isScalarValue()
                                    ? "'" + echo(p.getText()) + "'" : "a " + value;
                            return badRating(raw, shown);
                        }
                    }
                    case "exclude", "include" -> {
                        IdList ids = idList(p, value, syntax);
                        if (ids.error() != null) {
                            return new ParsedEvent.Rejected(raw, "field " + field + " " + ids.error());
                        }
                        if (field.equals("exclude")) {
                            exclude = ids.ids();
                        } else {
                            include = ids.ids();
                        }
                    }
                    case "n" -> {
                        nShown = value == null ? "nothing" : value.isScalarValue() ? "'" + echo(p.getText()) + "'"
                                : "a " + value;
                        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                                && p.getIntValue() >= 1 && p.getIntValue() <= MAX_LIST) {
                            n = OptionalInt.of(p.getIntValue());
                        }
                        p.skipChildren();
                    }
                    case "time" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_STRING) {
                            return new ParsedEvent.Rejected(raw, "field time must be an integer or a string");
                        }
                    }
                    case "id" -> {
                        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT) {
                            return new ParsedEvent.Rejected(raw, "field id must be a string or an integer");
                        }
                        id = p.getText();
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return new ParsedEvent.Rejected(raw, "malformed JSON: trailing content");
            }
        } catch (JsonProcessingException e) {
            return new ParsedEvent.Rejected(raw, "malformed JSON: " + echo(e.getOriginalMessage()));
        } catch (IOException e) {
            return new ParsedEvent.Rejected(raw, "unreadable event: " + e.getMessage());
        }
        ItemRules rules = exclude == null && include == null ? ItemRules.NONE
                : new ItemRules(exclude == null ? new int[0] : exclude, include);
        if (user == null && item != null && rating.isEmpty()) {
            if (nShown != null && n.isEmpty()) {
                return new ParsedEvent.Rejected(raw, "field n must be an integer from 1 to " + MAX_LIST + ", got "
                        + nShown);
            }
            return new ParsedEvent.Similar(new SimilarItemsRequest(Optional.ofNullable(id), item.value(), n, rules,
                    item.name()));
        }
        if (user == null) {
            return new ParsedEvent.Rejected(raw, "missing field user (or uid)");
        }
        if (rating.isPresent() && item == null) {
            return new ParsedEvent.Rejected(raw, "a rating needs an item: missing field item");
        }
        if (item != null && !rules.isNone()) {
            return new ParsedEvent.Rejected(raw, "fields exclude and include apply only to list requests "
                    + "({\"user\":U} or {\"item\":I}), not to a pair or a rating");
        }
        return ok(Optional.ofNullable(id), user, item, rating, rules);
    }

    /** A rules list as parsed: its ids, or why it is not a list of ids. */
    private record IdList(int[] ids, String error) {
    }

    /**
     * A JSON array of item ids, at most {@link #MAX_LIST} of them. Ids a mapped version's dictionary does not hold
     * are left out: no list can hold such an item.
     */
    private static IdList idList(JsonParser p, JsonToken value, EventIds syntax) throws IOException {
        String expected = "must be " + syntax.listExpected();
        if (value != JsonToken.START_ARRAY) {
            String shown = value == null ? "nothing" : value.isScalarValue() ? "'" + echo(p.getText()) + "'"
                    : "an object";
            p.skipChildren();
            return new IdList(null, expected + ", got " + shown);
        }
        PrimitiveList.Ints ids = new PrimitiveList.Ints();
        int listed = 0;
        JsonToken element;
        while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
            EventIds.Id id = syntax.fromJson(p, element, true);
            if (id == null) {
                String shown = element.isScalarValue() ? syntax.shown(p.getText())
                        : element == JsonToken.START_ARRAY ? "a list" : "an object";
                return new IdList(null, expected + ", element " + (++listed) + " is " + shown);
            }
            if (++listed > MAX_LIST) {
                return new IdList(null, "holds more than " + MAX_LIST + " item ids");
            }
            if (id.value() != Event.UNKNOWN || id.name() == null) {
                ids.add(id.value());
            }
        }
        return new IdList(ids.toArray(), null);
    }

    private static ParsedEvent badJsonId(String raw, String field, EventIds syntax, JsonParser p, JsonToken value)
            throws IOException {
        String shown = value == null ? "nothing" : value.isScalarValue() ? syntax.shown(p.getText()) : "a " + value;
        return new ParsedEvent.Rejected(raw, "field " + field + " must be " + syntax.expected() + ", got " + shown);
    }

    /** A finite decimal number that stays finite as a 32-bit float, as the float ALS saw; empty otherwise. */
    private static OptionalDouble rating(String text) {
        if (text.isEmpty() || text.length() > 32) {
            return OptionalDouble.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return OptionalDouble.empty(); // no NaN, Infinity, hex or type suffixes
            }
        }
        try {
            float value = Float.parseFloat(text);
            return Float.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static ParsedEvent badRating(String raw, String shown) {
        return new ParsedEvent.Rejected(raw, "field rating must be a finite number, got " + shown);
    }

    private static ParsedEvent badId(String raw, String field, EventIds syntax, String text) {
        return new ParsedEvent.Rejected(raw, "field " + field + " must be " + syntax.expected() + ", got "
                + syntax.shown(text));
    }

    /** {@code text}, or its first {@link #ECHO_LIMIT} characters and how many there were. */
    static String echo(String text) {
        return text.length() <= ECHO_LIMIT ? text
                : text.substring(0, ECHO_LIMIT) + "... (" + text.length() + " characters)";
    }
}
