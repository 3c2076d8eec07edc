package io.freshet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A command's stderr under --log-format json, checked line by line: every line one JSON object; a log event has the
 * fields of the text line (time, level, logger, message, thread, and exception when there is one) and no other.
 * Both CLIs' tests read their runs' stderr through it.
 */
public final class JsonLogs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REQUIRED = Set.of("time", "level", "logger", "message", "thread");
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    private final List<JsonNode> events;
    private final List<JsonNode> others;

    private JsonLogs(List<JsonNode> events, List<JsonNode> others) {
        this.events = events;
        this.others = others;
    }

    /** Reads {@code stderr}; an AssertionError naming the line when a line is not one JSON object. */
    public static JsonLogs read(String stderr) {
        List<JsonNode> events = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        assertTrue(!stderr.isEmpty() && stderr.endsWith("\n"), "stderr ends with a whole line:\n" + stderr);
        int n = 0;
        for (String line : stderr.substring(0, stderr.length() - 1).split("\n", -1)) {
            n++;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("stderr line " + n + " is not JSON: " + line + "\n" + e.getMessage());
            }
            assertTrue(node != null && node.isObject(), "stderr line " + n + " is not one JSON object: " + line);
            if (!node.has("level")) {
                others.add(node);
                continue;
            }
            Set<String> fields = new TreeSet<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
            Set<String> expected = new TreeSet<>(REQUIRED);
            if (node.has("exception")) {
                expected.add("exception");
            }
            assertEquals(expected, fields, "the fields of stderr line " + n + ": " + line);
            assertTrue(node.get("time").asText().matches(TIME), "UTC time of line " + n + ": " + line);
            assertTrue(Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL").contains(node.get("level").asText()),
                    line);
            events.add(node);
        }
        return new JsonLogs(events, others);
    }

    /** The log events. */
    public List<JsonNode> events() {
        return events;
    }

    /** The JSON objects on stderr that are not log events (transform's error records). */
    public List<JsonNode> others() {
        return others;
    }

    /** The events at {@code level} whose message satisfies {@code message}; at least one, else an AssertionError. */
    public List<JsonNode> find(String level, Predicate<String> message) {
        List<JsonNode> found = events.stream().filter(e -> e.get("level").asText().equals(level)
                && message.test(e.get("message").asText())).toList();
        assertTrue(!found.isEmpty(), "no " + level + " event as expected among " + events);
        return found;
    }
}
