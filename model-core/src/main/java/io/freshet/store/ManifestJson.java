package io.freshet.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.freshet.CorruptVersionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form of {@link Manifest} (docs/store-format.md, "Manifest"): UTF-8, indented, map keys sorted,
 * instants as ISO-8601 strings. Reading checks the format version before anything else, so a manifest
 * written by a newer Freshet is refused with a message naming both versions rather than a parse error.
 * Fields this version does not know are ignored: additions that old readers may skip do not change the
 * format version.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ManifestJson() {
    }

    /** The store's one JSON configuration, shared with {@link HistoryJson}. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A store listing, {@code {"current":ID or null,"pin":PIN or null,"versions":[MANIFEST...]}}, each manifest as
     * {@link #write} writes it and the pin as {@code STORE/PIN} holds it (`trainer list --json`).
     */
    public static byte[] writeListing(Optional<VersionId> current, Optional<Pin> pin, List<Manifest> manifests) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("current", current.map(VersionId::value).orElse(null));
        root.set("pin", pin.<JsonNode>map(MAPPER::valueToTree).orElse(root.nullNode()));
        ArrayNode versions = root.putArray("versions");
        for (Manifest m : manifests) {
            versions.add(MAPPER.valueToTree(m));
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the store listing as JSON", e);
        }
    }

    /**
     * The manifest as {@link #write} writes it, with a {@code "pin"} field added when {@code pin} pins this version
     * (`trainer show --json`).
     */
    public static byte[] writeShown(Manifest manifest, Optional<Pin> pin) {
        ObjectNode tree = MAPPER.valueToTree(manifest);
        pin.filter(p -> p.version().equals(manifest.id())).ifPresent(p -> tree.set("pin", MAPPER.valueToTree(p)));
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write manifest " + manifest.id() + " as JSON", e);
        }
    }

    /** The manifest as UTF-8 JSON bytes. */
    public static byte[] write(Manifest manifest) {
        try {
            return MAPPER.writeValueAsBytes(manifest);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("manifest " + manifest.id() + " cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses a manifest; {@code source} (a path) is named in every error. Throws
     * {@link CorruptVersionException} when the bytes are not a manifest of {@link Manifest#FORMAT_VERSION}.
     */
    public static Manifest read(byte[] json, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new CorruptVersionException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new CorruptVersionException(source + " is not a JSON object");
        }
        JsonNode format = tree.get("formatVersion");
        if (format == null || !format.canConvertToExactIntegral()) {
            throw new CorruptVersionException(source + " has no integer formatVersion; this Freshet reads format version "
                    + Manifest.FORMAT_VERSION);
        }
        if (!format.canConvertToInt() || (format.asInt() != Manifest.FORMAT_VERSION
                && format.asInt() != Manifest.MAPPED_IDS_FORMAT_VERSION)) {
            throw new CorruptVersionException(source + " has format version " + format.asText()
                    + "; this Freshet reads format versions " + Manifest.FORMAT_VERSION + " and "
                    + Manifest.MAPPED_IDS_FORMAT_VERSION + " only");
        }
        try {
            return MAPPER.treeToValue(tree, Manifest.class);
        } catch (JacksonException e) {
            throw new CorruptVersionException(source + " is not a valid manifest: " + e.getOriginalMessage(), e);
        }
    }
}
