package io.freshet.cli;

import java.net.URISyntaxException;
import java.net.URL;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.apache.logging.log4j.spi.LoggerContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The log format in force for this JVM. It lives in the system property {@value #PROPERTY}, which log4j2.properties
 * reads to pick its appender; switching to JSON sets it and reloads every Log4j context from Freshet's
 * log4j2.properties (a context Spark configured from its own defaults included), before the command logs anything.
 */
public final class CliLogging {
    /** The system property log4j2.properties picks its appender by. */
    public static final String PROPERTY = "freshet.log.format";
    /** The environment variable that sets the format when no --log-format is given. */
    public static final String ENV = "FRESHET_LOG_FORMAT";

    private CliLogging() {
    }

    /** The format in force. */
    public static LogFormat active() {
        return LogFormat.JSON.id().equals(System.getProperty(PROPERTY)) ? LogFormat.JSON : LogFormat.TEXT;
    }

    /**
     * Says {@code message} to the person running {@code command}: {@code NAME: message} on its stderr, or with JSON
     * logs an INFO event of the command's logger, so that stderr holds only JSON lines.
     */
    public static void notice(CommandSpec command, String message) {
        if (active() == LogFormat.JSON) {
            logger(command).info(message);
            return;
        }
        command.commandLine().getErr().println(command.name() + ": " + message);
        command.commandLine().getErr().flush();
    }

    /** The logger of a command's own events: its class's. */
    static Logger logger(CommandSpec command) {
        return LoggerFactory.getLogger(command.userObject().getClass());
    }

    /** Switches this JVM's logging to {@code format}; nothing happens when it is in force already. */
    public static synchronized void use(LogFormat format) {
        if (format == active()) {
            return;
        }
        System.setProperty(PROPERTY, format.id());
        URL config = CliLogging.class.getResource("/log4j2.properties");
        LoggerContextFactory factory = LogManager.getFactory();
        if (config == null || !(factory instanceof Log4jContextFactory log4j)) {
            return;
        }
        try {
            for (LoggerContext context : log4j.getSelector().getLoggerContexts()) {
                context.setConfigLocation(config.toURI());
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("log4j2.properties has no URI: " + config, e);
        }
    }
}
