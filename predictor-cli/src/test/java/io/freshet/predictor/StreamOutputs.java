package io.freshet.predictor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads what a stream wrote to dir: sinks (complete batch files only), as JSON. */
public final class StreamOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamOutputs() {
    }

    static List<JsonNode> read(Path dir) {
        List<JsonNode> records = new ArrayList<>();
        try {
            for (String line : lines(dir)) {
                records.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /** The lines of the complete batch files, in batch order. */
    static List<String> lines(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("batch-\\d+\\.jsonl")).sorted().toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** The event id of an output record, or the id found in an error record's raw text. */
    public static String id(JsonNode record) {
        if (record.has("id")) {
            return record.get("id").asText();
        }
        if (record.has("raw")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(record.get("raw").asText());
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
