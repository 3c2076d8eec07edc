package io.freshet.availability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.freshet.CorruptVersionException;
import io.freshet.PrimitiveList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The availability file format (docs/store-format.md, "Item availability"), one JSON object:
 * {@code {"formatVersion":1,"mode":"deny","items":[17,42]}}. Reading validates it whole (format version, mode, every
 * id a 32-bit integer, at most {@link #MAX_ITEMS} of them, nothing after the object), so a truncated or foreign file
 * is refused, never served in part.
 */
public final class AvailabilityFile {
    /** The most item ids one file may list. */
    public static final int MAX_ITEMS = 10_000_000;
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private AvailabilityFile() {
    }

    /**
     * Parses and validates a file's bytes; {@code version} is its id, {@code where} names it in errors.
     * CorruptVersionException naming {@code where} and the fault when it is not a valid availability file.
     */
    public static ItemAvailability read(byte[] content, String version, String where) {
        Integer format = null;
        ItemAvailability.Mode mode = null;
        int[] items = null;
        try (JsonParser p = JSON.createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad(where, "not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "formatVersion" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                            throw bad(where, "formatVersion must be an integer");
                        }
                        format = p.getIntValue();
                    }
                    case "mode" -> {
                        String text = value == JsonToken.VALUE_STRING ? p.getText() : "";
                        mode = switch (text) {
                            case "allow" -> ItemAvailability.Mode.ALLOW;
                            case "deny" -> ItemAvailability.Mode.DENY;
                            default -> throw bad(where, "mode must be \"allow\" or \"deny\"");
                        };
                    }
                    case "items" -> items = items(p, value, where);
                    default -> p.skipChildren(); // later formats may add fields
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw bad(where, "trailing content after the object");
            }
        } catch (JsonProcessingException e) {
            throw bad(where, "malformed JSON (" + e.getOriginalMessage() + "), a partial file perhaps");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (format == null || format != 1) {
            throw bad(where, "formatVersion must be 1, got " + format);
        }
        if (mode == null) {
            throw bad(where, "missing field mode");
        }
        if (items == null) {
            throw bad(where, "missing field items");
        }
        return new ItemAvailability(version, mode, items);
    }

    private static int[] items(JsonParser p, JsonToken value, String where) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw bad(where, "items must be a list of 32-bit integer item ids");
        }
        PrimitiveList.Ints ids = new PrimitiveList.Ints();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                throw bad(where, "items must be a list of 32-bit integer item ids, element " + (ids.size() + 1)
                        + " is " + (t != null && t.isScalarValue() ? "'" + p.getText() + "'" : "not a number"));
            }
            if (ids.size() == MAX_ITEMS) {
                throw bad(where, "more than " + MAX_ITEMS + " items");
            }
            ids.add(p.getIntValue());
        }
        return ids.toArray();
    }

    /** The bytes of an availability file listing {@code items} in {@code mode}. */
    public static byte[] write(ItemAvailability.Mode mode, int[] items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + items.length * 8);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", 1);
            g.writeStringField("mode", mode.name().toLowerCase(Locale.ROOT));
            g.writeArrayFieldStart("items");
            for (int item : items) {
                g.writeNumber(item);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static CorruptVersionException bad(String where, String why) {
        return new CorruptVersionException("availability file " + where + " is not valid: " + why);
    }
}
