package io.freshet.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.freshet.ids.IdDictionary;
import io.freshet.ids.IdKind;
import io.freshet.ids.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the user and item ids of events in one version's id space (docs/events.md, "Ids"). Int ids are written as
 * today: a JSON number or a string of ASCII digits. A version of 64-bit ids reads 64-bit integers the same way and
 * turns each into its index; a version of string ids reads a JSON string (or a JSON integer, as its decimal text) of
 * 1 to {@link Ids#MAX_STRING_BYTES} bytes of UTF-8, or a plain event's field as it stands. An id its dictionary does
 * not hold reads as {@link Event#UNKNOWN}, like an int id the version has no factors for: the event is answered
 * (popular items, an unknown-user or unknown-item record), not refused.
 */
final class EventIds {
    /**
     * One id as read: {@code value} is the int id itself, or the index in the dictionary; {@code name} the id as
     * given for a mapped id space, else null.
     */
    record Id(int value, String name) {
    }

    private final Ids ids;

    EventIds(Ids ids) {
        this.ids = ids;
    }

    /** What a well-formed id of this space is, for error records. */
    String expected() {
        return switch (ids.kind()) {
            case INT -> "a 32-bit integer id";
            case LONG -> "a 64-bit integer id";
            case STRING -> "a string id of 1 to " + Ids.MAX_STRING_BYTES + " bytes of UTF-8";
        };
    }

    /** What a well-formed rules list of this space is, for error records. */
    String listExpected() {
        return switch (ids.kind()) {
            case INT -> "a list of 32-bit integer item ids";
            case LONG -> "a list of 64-bit integer item ids";
            case STRING -> "a list of string item ids (1 to " + Ids.MAX_STRING_BYTES + " bytes of UTF-8 each)";
        };
    }

    /** The id written as {@code text} (a plain event's field, stripped), or null when it is malformed. */
    Id fromText(String text, boolean item) {
        return switch (ids.kind()) {
            case INT -> {
                Long v = integer(text, 11);
                yield v == null || v != v.intValue() ? null : new Id(v.intValue(), null);
            }
            case LONG -> {
                Long v = integer(text, 20);
                yield v == null ? null : new Id(dictionary(item).indexOf(v), Long.toString(v));
            }
            case STRING -> {
                int bytes = text.getBytes(StandardCharsets.UTF_8).length;
                yield bytes < 1 || bytes > Ids.MAX_STRING_BYTES ? null : new Id(dictionary(item).indexOf(text), text);
            }
        };
    }

    /** The id a JSON value holds, or null when it is malformed. */
    Id fromJson(JsonParser p, JsonToken value, boolean item) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = p.getNumberType();
            boolean fits = type == JsonParser.NumberType.INT
                    || (ids.kind() != IdKind.INT && type == JsonParser.NumberType.LONG)
                    || ids.kind() == IdKind.STRING;
            return fits ? fromText(p.getText(), item) : null;
        }
        if (value == JsonToken.VALUE_STRING) {
            return fromText(ids.kind() == IdKind.STRING ? p.getText() : p.getText().strip(), item);
        }
        return null;
    }

    /** What a malformed id was, for its error record: the text (with its UTF-8 size when too long), or its type. */
    String shown(String text) {
        String echoed = "'" + EventCodec.echo(text) + "'";
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return ids.kind() == IdKind.STRING && bytes > Ids.MAX_STRING_BYTES ? echoed + " (" + bytes + " bytes)" : echoed;
    }

    private IdDictionary dictionary(boolean item) {
        return item ? ids.items() : ids.users();
    }

    /** An integer written with ASCII digits only (an optional leading minus, no plus), of at most {@code max} characters. */
    private static Long integer(String text, int max) {
        if (text.isEmpty() || text.length() > max) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c == '-' && i == 0 && text.length() > 1)) {
                return null;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
