package io.freshet.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses raw events (docs/events.md): a plain line {@code USER} or {@code USER,ITEM}, or a JSON object
 * {@code {"user":42}}, {@code {"user":42,"item":7}}, {@code {"uid":42}}, with an optional {@code "id"}
 * (string or number) echoed back. Ids are 32-bit integers. Every other input is a {@link ParsedEvent.Rejected}
 * with a reason; nothing is dropped. One codec for every source: socket, directory, Kafka, transform.
 */
public final class EventCodec {
    private static final JsonFactory JSON = new JsonFactory();

    private EventCodec() {
    }

    public static ParsedEvent parse(String raw) {
        if (raw == null) {
            return new ParsedEvent.Rejected("", "empty event");
        }
        String line = raw.strip();
        if (line.isEmpty()) {
            return new ParsedEvent.Rejected(raw, "empty event");
        }
        return line.charAt(0) == '{' ? parseJson(raw, line) : parsePlain(raw, line);
    }

    private static ParsedEvent parsePlain(String raw, String line) {
        int comma = line.indexOf(',');
        if (comma < 0) {
            return id(line.strip()).map(u -> (ParsedEvent) new ParsedEvent.Ok(Event.user(u)))
                    .orElseGet(() -> badId(raw, "user", line));
        }
        if (line.indexOf(',', comma + 1) >= 0) {
            return new ParsedEvent.Rejected(raw, "expected USER or USER,ITEM, found more than two fields");
        }
        String userText = line.substring(0, comma).strip();
        String itemText = line.substring(comma + 1).strip();
        Optional<Integer> user = id(userText);
        if (user.isEmpty()) {
            return badId(raw, "user", userText);
        }
        Optional<Integer> item = id(itemText);
        if (item.isEmpty()) {
            return badId(raw, "item", itemText);
        }
        return new ParsedEvent.Ok(Event.pair(user.get(), item.get()));
    }

    private static ParsedEvent parseJson(String raw, String line) {
        Integer user = null;
        Integer item = null;
        String id = null;
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
            return new ParsedEvent.Rejected(raw, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new ParsedEvent.Rejected(raw, "unreadable event: " + e.getMessage());
        }
        if (user == null) {
            return new ParsedEvent.Rejected(raw, "missing field user (or uid)");
        }
        return new ParsedEvent.Ok(new Event(Optional.ofNullable(id), user,
                item == null ? OptionalInt.empty() : OptionalInt.of(item)));
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
        String shown = value == null ? "nothing" : value.isScalarValue() ? "'" + p.getText() + "'" : "a " + value;
        return new ParsedEvent.Rejected(raw, "field " + field + " must be a 32-bit integer id, got " + shown);
    }

    private static Optional<Integer> id(String text) {
        if (text.isEmpty() || text.length() > 11) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ParsedEvent badId(String raw, String field, String text) {
        return new ParsedEvent.Rejected(raw, "field " + field + " must be a 32-bit integer id, got '" + text + "'");
    }
}
