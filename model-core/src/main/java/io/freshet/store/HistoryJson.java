package io.freshet.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON of the pointer history's records and of the pin (docs/store-format.md, "Pointer history" and "The pin"),
 * in the manifest's style: UTF-8, indented, instants as ISO-8601, null fields left out. Reading checks the format
 * version first; fields this version does not know are skipped. A file that is not a record or a pin of the known
 * format is a StoreException naming it.
 */
public final class HistoryJson {
    private static final ObjectMapper MAPPER = ManifestJson.mapper();

    private HistoryJson() {
    }

    /** {@code {"records":[RECORD...]}}, oldest first (`trainer history --json`). */
    public static byte[] writeListing(List<HistoryRecord> records) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("records", MAPPER.valueToTree(records));
        return bytes(root, "the pointer history");
    }

    static byte[] write(HistoryRecord record) {
        return bytes(record, "history record " + record.sequence());
    }

    static byte[] write(Pin pin) {
        return bytes(pin, "the pin of " + pin.version());
    }

    static HistoryRecord readRecord(byte[] json, String source) {
        return read(json, source, HistoryRecord.class, HistoryRecord.FORMAT_VERSION, "history record");
    }

    static Pin readPin(byte[] json, String source) {
        return read(json, source, Pin.class, Pin.FORMAT_VERSION, "pin");
    }

    private static <T> T read(byte[] json, String source, Class<T> type, int format, String what) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new StoreException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory", e);
        }
        JsonNode version = tree == null ? null : tree.get("formatVersion");
        if (version == null || !version.canConvertToInt() || version.asInt() != format) {
            throw new StoreException(source + " is not a " + what + " of format version " + format + " (formatVersion "
                    + (version == null ? "missing" : version.asText()) + ")");
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new StoreException(source + " is not a valid " + what + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Object value, String what) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + what + " as JSON", e);
        }
    }
}
