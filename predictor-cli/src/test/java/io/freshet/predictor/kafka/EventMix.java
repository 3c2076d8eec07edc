package io.freshet.predictor.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * The events the Kafka test produces, each with an id {@code e<i>} that its output or error record carries
 * (an error record's raw text contains it): mostly top-N requests by {@code uid}, one in ten a user-item pair,
 * one in fifty an unknown user (popular fallback), one in fifty a similar-items request, one in fifty a request with
 * rules, and one in a hundred malformed in one of three ways.
 */
final class EventMix {
    static final int USERS = 200;
    static final int ITEMS = 100;

    private EventMix() {
    }

    static List<String> events(int count) {
        List<String> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(i));
        }
        return events;
    }

    static boolean malformed(int i) {
        return i % 100 == 7;
    }

    private static String event(int i) {
        String id = "\"id\":\"e" + i + "\"";
        int user = i % USERS + 1;
        if (malformed(i)) {
            return switch (i / 100 % 3) {
                case 0 -> "{" + id + ",\"uid\":\"u" + user + "\"}";
                case 1 -> "{" + id + ",\"uid\":" + user;
                default -> "{" + id + ",\"user\":" + user + ",\"uid\":" + user + "}";
            };
        }
        if (i % 10 == 3) {
            return "{" + id + ",\"uid\":" + user + ",\"item\":" + (i % ITEMS + 1) + "}";
        }
        if (i % 50 == 27) {
            return "{" + id + ",\"item\":" + (i % ITEMS + 1) + ",\"n\":3}";
        }
        if (i % 50 == 29) {
            return "{" + id + ",\"uid\":" + user + ",\"exclude\":[1,2,3]}";
        }
        if (i % 50 == 11) {
            return "{" + id + ",\"uid\":" + (100_000 + i) + "}";
        }
        return "{" + id + ",\"uid\":" + user + "}";
    }
}
