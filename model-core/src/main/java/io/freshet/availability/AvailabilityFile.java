package io.freshet.availability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.freshet.CorruptVersionException;
import io.freshet.ids.Ids;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The availability file format (docs/store-format.md, "Item availability"), one JSON object:
 * {@code {"formatVersion":1,"mode":"deny","items":[17,42]}}. Reading validates it whole (format version, mode, every
 * id a 64-bit integer or a string of 1 to 256 bytes, at most {@link #MAX_ITEMS} of them, nothing after the object), so a truncated or foreign file
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
        List<String> items = null;
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
        return ItemAvailability.ofIds(version, mode, items);
    }

    private static final String EXPECTED = "items must be a list of item ids (64-bit integers, or strings of 1 to "
            + Ids.MAX_STRING_BYTES + " bytes of UTF-8)";

    private static List<String> items(JsonParser p, JsonToken value, String where) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw bad(where, EXPECTED);
        }
        List<String> ids = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            boolean number = t == JsonToken.VALUE_NUMBER_INT && (p.getNumberType() == JsonParser.NumberType.INT
                    || p.getNumberType() == JsonParser.NumberType.LONG);
            boolean string = t == JsonToken.VALUE_STRING && validText(p.getText());
            if (!number && !string) {
                throw bad(where, EXPECTED + ", element " + (ids.size() + 1) + " is "
                        + (t != null && t.isScalarValue() ? "'" + p.getText() + "'" : "not an id"));
            }
            if (ids.size() == MAX_ITEMS) {
                throw bad(where, "more than " + MAX_ITEMS + " items");
            }
            ids.add(p.getText());
        }
        return ids;
    }

    /** Whether {@code text} may be a string item id: 1 to {@link Ids#MAX_STRING_BYTES} bytes of UTF-8. */
    public static boolean validText(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return bytes >= 1 && bytes <= Ids.MAX_STRING_BYTES;
    }

    /**
     * The bytes of an availability file listing the items with ids {@code ids} (as text) in {@code mode}: an id
     * written as a 64-bit integer in its plain decimal form is written as a JSON number, any other as a string.
     */
    public static byte[] write(ItemAvailability.Mode mode, List<String> ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + ids.size() * 8);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", 1);
            g.writeStringField("mode", mode.name().toLowerCase(Locale.ROOT));
            g.writeArrayFieldStart("items");
            for (String id : ids) {
                Long number = Ids.canonicalLong(id);
                if (number != null) {
                    g.writeNumber(number);
                } else {
                    g.writeString(id);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The bytes of an availability file listing int item ids {@code items} in {@code mode}. */
    public static byte[] write(ItemAvailability.Mode mode, int[] items) {
        return write(mode, java.util.Arrays.stream(items).mapToObj(Integer::toString).toList());
    }

    private static CorruptVersionException bad(String where, String why) {
        return new CorruptVersionException("availability file " + where + " is not valid: " + why);
    }
}
