package io.freshet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.freshet.BadInputException;
import io.freshet.CorruptVersionException;
import io.freshet.store.PointerMovedException;
import io.freshet.store.StoreException;
import io.freshet.store.StoreLockedException;
import io.freshet.store.VersionNotFoundException;
import org.junit.jupiter.api.Test;

/** docs/exit-codes.md and ExitCode say the same thing, and exceptions map as documented. */
class ExitCodeContractTest {

    @Test
    void documentedTableMatchesTheConstants() throws IOException, IllegalAccessException {
        String doc = Files.readString(Path.of("..", "docs", "exit-codes.md"));
        Map<String, Integer> documented = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\|\\s*(\\d+)\\s*\\|\\s*([A-Z_]+)\\s*\\|").matcher(doc);
        while (m.find()) {
            documented.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        Map<String, Integer> constants = new TreeMap<>();
        for (Field f : ExitCode.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                constants.put(f.getName(), f.getInt(null));
            }
        }
        assertEquals(constants, documented);
    }

    @Test
    void exceptionsMapToTheirCodes() {
        assertEquals(ExitCode.BAD_INPUT, ExitCode.of(new BadInputException("x")));
        assertEquals(ExitCode.STORE, ExitCode.of(new StoreException("x")));
        assertEquals(ExitCode.STORE, ExitCode.of(new java.io.UncheckedIOException(new java.io.IOException("x"))));
        assertEquals(ExitCode.LOCK_HELD, ExitCode.of(new StoreLockedException("x")));
        assertEquals(ExitCode.TOO_LARGE, ExitCode.of(new io.freshet.serving.ModelTooLargeException("x")));
        assertEquals(ExitCode.CORRUPT_MODEL, ExitCode.of(new CorruptVersionException("x")));
        assertEquals(ExitCode.NOT_FOUND, ExitCode.of(new VersionNotFoundException("x")));
        assertEquals(ExitCode.POINTER_MOVED, ExitCode.of(new PointerMovedException(
                io.freshet.store.VersionId.parse("20260101T000000Z-aaaaaa"), java.util.Optional.empty(),
                java.util.Optional.empty())));
        assertEquals(ExitCode.INTERNAL, ExitCode.of(new IllegalArgumentException("x")), "a bug, not a typo");
        assertEquals(ExitCode.OUTCOME_UNKNOWN, ExitCode.of(new io.freshet.store.OutcomeUnknownException("x", null)));
        assertEquals(ExitCode.INTERNAL, ExitCode.of(new IllegalStateException("x")));
        assertEquals(ExitCode.PINNED, ExitCode.of(new io.freshet.store.PinnedException(
                io.freshet.store.VersionId.parse("20260101T000000Z-aaaaaa"), new io.freshet.store.Pin(1,
                "20260101T000000Z-bbbbbb", java.time.Instant.EPOCH, "ops", "host", null))));
        assertEquals(ExitCode.GATE_REFUSED, ExitCode.of(new io.freshet.store.GateRefusedException(
                io.freshet.store.VersionId.parse("20260101T000000Z-aaaaaa"), "x")));
    }

    @Test
    void cronWrapperUsesTheDocumentedCodes() throws IOException {
        String wrapper = Files.readString(Path.of("..", "cron", "freshet-train"));
        assertEquals(true, wrapper.contains("readonly LOCK_HELD=" + ExitCode.RUN_IN_PROGRESS));
        assertEquals(true, wrapper.contains("readonly USAGE=" + ExitCode.USAGE));
        assertEquals(true, wrapper.contains("readonly LOG_UNWRITABLE=" + ExitCode.LOG_UNWRITABLE));
    }
}
