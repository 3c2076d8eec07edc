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
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("batch-\\d+\\.jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    records.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
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
