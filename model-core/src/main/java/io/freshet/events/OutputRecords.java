package io.freshet.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.freshet.ids.IdKind;
import io.freshet.ids.Ids;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes output and error records as one-line JSON (docs/events.md). Every output record names the model
 * version that scored it; an event's {@code id}, when given, is echoed first. Users and items are written as the
 * version's id space has them ({@link Ids}): numbers for int and 64-bit ids, strings for string ids.
 */
public final class OutputRecords {
    private static final JsonFactory JSON = new JsonFactory();
    /**
     * What {@link #popular} writes and no other record holds: a quote inside a JSON string is escaped, so an echoed
     * event id cannot contain it.
     */
    private static final String POPULAR_MARK = "\"fallback\":\"popular\"";

    private OutputRecords() {
    }

    /** {@code {"id":..,"user":42,"items":[{"item":7,"score":4.61},..],"model":"V"}}. */
    public static String recommendations(Ids ids, Event event, int[] items, float[] scores, String model) {
        return write(g -> {
            head(g, ids, event);
            scoredItems(g, ids, "items", items, scores);
            g.writeStringField("model", model);
        });
    }

    /**
     * The answer to a similar-items request:
     * {@code {"id":..,"item":7,"similar":[{"item":12,"score":0.93},..],"model":"V"}}, the score being the cosine
     * similarity of the two items' factors.
     */
    public static String similarItems(Ids ids, SimilarItemsRequest request, int[] items, float[] scores,
                                      String model) {
        return write(g -> {
            if (request.id().isPresent()) {
                g.writeStringField("id", request.id().get());
            }
            g.writeFieldName("item");
            name(g, ids, request.item(), request.itemName());
            scoredItems(g, ids, "similar", items, scores);
            g.writeStringField("model", model);
        });
    }

    private static void scoredItems(JsonGenerator g, Ids ids, String field, int[] items, float[] scores)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (int i = 0; i < items.length; i++) {
            g.writeStartObject();
            g.writeFieldName("item");
            item(g, ids, items[i]);
            g.writeNumberField("score", scores[i]);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * For a user the model does not know: the most popular items with their training rating counts,
     * {@code {"user":42,"items":[{"item":7,"count":812},..],"fallback":"popular","model":"V"}}.
     */
    public static String popular(Ids ids, Event event, int[] items, int[] counts, String model) {
        return write(g -> {
            head(g, ids, event);
            g.writeArrayFieldStart("items");
            for (int i = 0; i < items.length; i++) {
                g.writeStartObject();
                g.writeFieldName("item");
                item(g, ids, items[i]);
                g.writeNumberField("count", counts[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("fallback", "popular");
            g.writeStringField("model", model);
        });
    }

    /** True for a record {@link #popular} wrote: the predictor counts popular fallbacks by it. */
    public static boolean isPopularFallback(String json) {
        return json.contains(POPULAR_MARK);
    }

    /** {@code {"user":42,"item":7,"score":3.9,"model":"V"}}. */
    public static String prediction(Ids ids, Event event, float score, String model) {
        return write(g -> {
            head(g, ids, event);
            eventItem(g, ids, event);
            g.writeNumberField("score", score);
            g.writeStringField("model", model);
        });
    }

    /** A pair the model cannot score: {@code {"user":42,"item":7,"error":"unknown item","model":"V"}}. */
    public static String predictionError(Ids ids, Event event, String error, String model) {
        return write(g -> {
            head(g, ids, event);
            eventItem(g, ids, event);
            g.writeStringField("error", error);
            g.writeStringField("model", model);
        });
    }

    /**
     * The acknowledgement of a rating event: {@code {"user":42,"item":7,"rating":4.5,"folded":true,"model":"V"}}.
     * {@code folded} says whether the rating will change the user's lists (false when the version cannot fold:
     * a model without training ratings, or nonnegative ALS); {@code model} is the version it was folded against.
     */
    public static String ratingAck(Ids ids, Event event, boolean folded, String model) {
        return write(g -> {
            head(g, ids, event);
            eventItem(g, ids, event);
            g.writeNumberField("rating", event.ratingValue());
            g.writeBooleanField("folded", folded);
            g.writeStringField("model", model);
        });
    }

    /** The error output's record for a malformed event: {@code {"raw":"..","error":"reason"}}. */
    public static String rejected(ParsedEvent.Rejected rejected) {
        return write(g -> {
            g.writeStringField("raw", rejected.raw());
            g.writeStringField("error", rejected.reason());
        });
    }

    private static void head(JsonGenerator g, Ids ids, Event event) throws IOException {
        if (event.id().isPresent()) {
            g.writeStringField("id", event.id().get());
        }
        g.writeFieldName("user");
        name(g, ids, event.user(), event.userName());
    }

    private static void eventItem(JsonGenerator g, Ids ids, Event event) throws IOException {
        g.writeFieldName("item");
        name(g, ids, event.item().orElseThrow(), event.itemName());
    }

    /**
     * An event's id as the event gave it: an int id as a number; a mapped version's id as its kind is written (a
     * 64-bit id as a number, a string id as a string), from the text the event held.
     */
    private static void name(JsonGenerator g, Ids ids, int value, String name) throws IOException {
        if (name == null || !ids.mapped()) {
            g.writeNumber(value);
        } else if (ids.kind() == IdKind.LONG) {
            g.writeNumber(Long.parseLong(name));
        } else {
            g.writeString(name);
        }
    }

    /** A listed item: its int id, or the id its index names in a mapped version's dictionary. */
    private static void item(JsonGenerator g, Ids ids, int item) throws IOException {
        switch (ids.kind()) {
            case INT -> g.writeNumber(item);
            case LONG -> g.writeNumber(ids.items().longAt(item));
            case STRING -> g.writeString(ids.items().stringAt(item));
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JSON record", e);
        }
        return out.toString();
    }
}
