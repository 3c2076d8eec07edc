package io.freshet.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.freshet.PrimitiveList;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Parses raw events (docs/events.md): a plain line {@code USER}, {@code USER,ITEM} or {@code USER,ITEM,RATING},
 * or a JSON object {@code {"user":42}}, {@code {"user":42,"item":7}}, {@code {"user":42,"item":7,"rating":4.5}},
 * {@code {"uid":42}}, with an optional {@code "id"} (string or number) echoed back and, on a rating, an optional
 * {@code "time"} (ignored); a top-N request may carry rules ({@code "exclude"}, {@code "include"}: lists of item
 * ids); {@code {"item":7}} (no user) asks for similar items, with an optional {@code "n"} and rules. Ids are 32-bit integers; a rating is a finite number that fits a 32-bit float. Every other input is a {@link ParsedEvent.Rejected}
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

    public static ParsedEvent parse(String raw) {
        if (raw == null) {
            return new ParsedEvent.Rejected("", "no value: the record carries no event (a Kafka tombstone or an "
                    + "empty value)");
        }
        String line = raw.strip();
        if (line.isEmpty()) {
            return new ParsedEvent.Rejected(raw, "empty event");
        }
        return line.charAt(0) == '{' ? parseJson(raw, line) : parsePlain(raw, line);
    }

    private static ParsedEvent parsePlain(String raw, String line) {
        String[] fields = line.split(",", -1);
        if (fields.length > 3) {
            return new ParsedEvent.Rejected(raw, "expected USER, USER,ITEM or USER,ITEM,RATING, found more than "
                    + "three fields");
        }
        String userText = fields[0].strip();
        Optional<Integer> user = id(userText);
        if (user.isEmpty()) {
            return badId(raw, "user", userText);
        }
        if (fields.length == 1) {
            return new ParsedEvent.Ok(Event.user(user.get()));
        }
        String itemText = fields[1].strip();
        Optional<Integer> item = id(itemText);
        if (item.isEmpty()) {
            return badId(raw, "item", itemText);
        }
        if (fields.length == 2) {
            return new ParsedEvent.Ok(Event.pair(user.get(), item.get()));
        }
        String ratingText = fields[2].strip();
        OptionalDouble rating = rating(ratingText);
        if (rating.isEmpty()) {
            return badRating(raw, "'" + echo(ratingText) + "'");
        }
        return new ParsedEvent.Ok(new Event(Optional.empty(), user.get(), OptionalInt.of(item.get()), rating));
    }

    private static ParsedEvent parseJson(String raw, String line) {
        Integer user = null;
        Integer item = null;
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
                        Optional<Integer> u = jsonId(p, value);
                        if (u.isEmpty()) {
                            return badJsonId(raw, field, p, value);
                        }
                        user = u.get();
                    }
                    case "item" -> {
                        Optional<Integer> i = jsonId(p, value);
                        if (i.isEmpty()) {
                            return badJsonId(raw, field, p, value);
                        }
                        item = i.get();
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
                        IdList ids = idList(p, value);
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
            return new ParsedEvent.Similar(new SimilarItemsRequest(Optional.ofNullable(id), item, n, rules));
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
        return new ParsedEvent.Ok(new Event(Optional.ofNullable(id), user,
                item == null ? OptionalInt.empty() : OptionalInt.of(item), rating, rules));
    }

    /** A rules list as parsed: its ids, or why it is not a list of ids. */
    private record IdList(int[] ids, String error) {
    }

    /** A JSON array of 32-bit item ids (numbers or numeric strings), at most {@link #MAX_LIST} of them. */
    private static IdList idList(JsonParser p, JsonToken value) throws IOException {
        String expected = "must be a list of 32-bit integer item ids";
        if (value != JsonToken.START_ARRAY) {
            String shown = value == null ? "nothing" : value.isScalarValue() ? "'" + echo(p.getText()) + "'"
                    : "an object";
            p.skipChildren();
            return new IdList(null, expected + ", got " + shown);
        }
        PrimitiveList.Ints ids = new PrimitiveList.Ints();
        JsonToken element;
        while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
            Optional<Integer> id = jsonId(p, element);
            if (id.isEmpty()) {
                String shown = element.isScalarValue() ? "'" + echo(p.getText()) + "'"
                        : element == JsonToken.START_ARRAY ? "a list" : "an object";
                return new IdList(null, expected + ", element " + (ids.size() + 1) + " is " + shown);
            }
            if (ids.size() == MAX_LIST) {
                return new IdList(null, "holds more than " + MAX_LIST + " item ids");
            }
            ids.add(id.get());
        }
        return new IdList(ids.toArray(), null);
    }

    private static Optional<Integer> jsonId(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return p.getNumberType() == JsonParser.NumberType.INT ? Optional.of(p.getIntValue()) : Optional.empty();
        }
        if (value == JsonToken.VALUE_STRING) {
            return id(p.getText().strip());
        }
        return Optional.empty();
    }

    private static ParsedEvent badJsonId(String raw, String field, JsonParser p, JsonToken value) throws IOException {
        String shown = value == null ? "nothing" : value.isScalarValue() ? "'" + echo(p.getText()) + "'" : "a " + value;
        return new ParsedEvent.Rejected(raw, "field " + field + " must be a 32-bit integer id, got " + shown);
    }

    /** A 32-bit id written with ASCII digits only, an optional leading minus, no plus sign. */
    private static Optional<Integer> id(String text) {
        if (text.isEmpty() || text.length() > 11) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c == '-' && i == 0 && text.length() > 1)) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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

    private static ParsedEvent badId(String raw, String field, String text) {
        return new ParsedEvent.Rejected(raw, "field " + field + " must be a 32-bit integer id, got '" + echo(text) + "'");
    }

    /** {@code text}, or its first {@link #ECHO_LIMIT} characters and how many there were. */
    static String echo(String text) {
        return text.length() <= ECHO_LIMIT ? text
                : text.substring(0, ECHO_LIMIT) + "... (" + text.length() + " characters)";
    }
}
