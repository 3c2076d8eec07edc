package io.freshet.predictor.stream;

import java.net.URI;
import java.util.Locale;

/**
 * A source or sink named on the command line (docs/events.md): {@code socket://HOST:PORT},
 * {@code dir:PATH} (any Hadoop path), {@code kafka://HOST:PORT/TOPIC}, {@code console}, {@code stderr}.
 */
public record Endpoint(Kind kind, String host, int port, String path) {

    public enum Kind { SOCKET, DIR, KAFKA, CONSOLE, STDERR }

    public static Endpoint parse(String text, String option) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("console")) {
            return new Endpoint(Kind.CONSOLE, null, -1, null);
        }
        if (lower.equals("stderr")) {
            return new Endpoint(Kind.STDERR, null, -1, null);
        }
        if (lower.startsWith("dir:")) {
            String path = t.substring(4);
            if (path.isBlank()) {
                throw new IllegalArgumentException(option + " dir: needs a path, e.g. dir:/data/events");
            }
            return new Endpoint(Kind.DIR, null, -1, path);
        }
        if (lower.startsWith("socket://") || lower.startsWith("kafka://")) {
            URI uri = URI.create(t);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException(option + " needs HOST:PORT, got '" + text + "'");
            }
            if (lower.startsWith("socket://")) {
                return new Endpoint(Kind.SOCKET, uri.getHost(), uri.getPort(), null);
            }
            String topic = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            if (topic.isBlank()) {
                throw new IllegalArgumentException(option + " kafka:// needs a topic: kafka://HOST:PORT/TOPIC");
            }
            return new Endpoint(Kind.KAFKA, uri.getHost(), uri.getPort(), topic);
        }
        throw new IllegalArgumentException(option + ": '" + text
                + "' is not one of socket://HOST:PORT, dir:PATH, kafka://HOST:PORT/TOPIC, console, stderr");
    }

    /** {@code HOST:PORT}, for Kafka's bootstrap servers. */
    public String hostPort() {
        return host + ":" + port;
    }

    /** The endpoint as the command line names it, for messages: {@code socket://HOST:PORT}, {@code dir:PATH}, ... */
    public String describe() {
        return switch (kind) {
            case SOCKET -> "socket://" + hostPort();
            case DIR -> "dir:" + path;
            case KAFKA -> "kafka://" + hostPort() + "/" + path;
            case CONSOLE -> "console";
            case STDERR -> "stderr";
        };
    }
}
