package io.freshet.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metrics table of a doc ({@code | `NAME` | TYPE | UNIT | MEANING |}, docs/operations.md) read back for a test that
 * checks it against what the code registers: each name once, with a unit and a meaning.
 */
public final class MetricsDocTable {
    private MetricsDocTable() {
    }

    /**
     * The type of each row whose name matches {@code name} (a regular expression with one group, the part of the
     * name returned), by that part.
     */
    public static Map<String, String> read(Path doc, String name) throws IOException {
        Pattern row = Pattern.compile("^\\| `" + name + "` \\| (\\w+) \\| ([^|]+) \\| (.+) \\|$", Pattern.MULTILINE);
        Map<String, String> documented = new TreeMap<>();
        Matcher m = row.matcher(Files.readString(doc));
        while (m.find()) {
            assertTrue(documented.put(m.group(1), m.group(2)) == null, "documented twice: " + m.group(1));
            assertTrue(!m.group(3).isBlank() && !m.group(4).isBlank(), "unit and meaning of " + m.group(1));
        }
        return documented;
    }
}
