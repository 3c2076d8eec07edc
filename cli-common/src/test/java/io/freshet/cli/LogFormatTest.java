package io.freshet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The names --log-format and FRESHET_LOG_FORMAT take, and the error for any other. */
class LogFormatTest {
    @Test
    void textAndJsonInAnyCaseAndNothingElse() {
        assertEquals(LogFormat.TEXT, LogFormat.of("text", "x"));
        assertEquals(LogFormat.JSON, LogFormat.of(" JSON ", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogFormat.of("xml", "$FRESHET_LOG_FORMAT"));
        assertEquals("$FRESHET_LOG_FORMAT: 'xml' is not a log format (text or json)", e.getMessage());
    }
}
