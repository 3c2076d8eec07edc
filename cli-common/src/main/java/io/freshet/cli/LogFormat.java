package io.freshet.cli;

import java.util.Locale;

/** How the command lines write their log lines on stderr: {@code text} (the default) or {@code json}. */
public enum LogFormat {
    /** {@code TIME LEVEL Logger: message}, one line per event, stack traces on the lines after. */
    TEXT,
    /** One JSON object per event and line: time, level, logger, message, thread and, with one, exception. */
    JSON;

    /** The name an option, an environment variable and log4j2.properties use. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code value}; IllegalArgumentException naming {@code source} and the choices otherwise. */
    public static LogFormat of(String value, String source) {
        for (LogFormat f : values()) {
            if (f.id().equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException(source + ": '" + value + "' is not a log format (text or json)");
    }
}
