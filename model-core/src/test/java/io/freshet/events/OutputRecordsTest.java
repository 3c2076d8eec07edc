package io.freshet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import io.freshet.ids.Ids;
import org.junit.jupiter.api.Test;

/** The output formats of docs/events.md, byte for byte. */
class OutputRecordsTest {
    private static final String V = "20261125T152000Z-3fa9c1";

    @Test
    void recommendationRecordEchoesIdAndNamesTheModel() {
        Event e = new Event(Optional.of("e1"), 42, OptionalInt.empty());
        assertEquals("{\"id\":\"e1\",\"user\":42,\"items\":[{\"item\":7,\"score\":4.61},{\"item\":3,\"score\":-0.5}],"
                + "\"model\":\"" + V + "\"}", OutputRecords.recommendations(Ids.INT, e, new int[] {7, 3}, new float[] {4.61f, -0.5f}, V));
    }

    @Test
    void popularFallbackIsMarked() {
        assertEquals("{\"user\":42,\"items\":[{\"item\":1,\"count\":90}],\"fallback\":\"popular\",\"model\":\"" + V + "\"}",
                OutputRecords.popular(Ids.INT, Event.user(42), new int[] {1}, new int[] {90}, V));
    }

    @Test
    void predictionAndPredictionError() {
        assertEquals("{\"user\":42,\"item\":7,\"score\":3.9,\"model\":\"" + V + "\"}",
                OutputRecords.prediction(Ids.INT, Event.pair(42, 7), 3.9f, V));
        assertEquals("{\"user\":42,\"item\":7,\"error\":\"unknown item\",\"model\":\"" + V + "\"}",
                OutputRecords.predictionError(Ids.INT, Event.pair(42, 7), "unknown item", V));
    }

    @Test
    void rejectedRecordCarriesRawTextEscaped() {
        assertEquals("{\"raw\":\"{\\\"user\\\":\\\"x\\\"\",\"error\":\"bad\"}",
                OutputRecords.rejected(new ParsedEvent.Rejected("{\"user\":\"x\"", "bad")));
    }

    @Test
    void onlyAPopularListIsAPopularFallback() {
        assertTrue(OutputRecords.isPopularFallback(OutputRecords.popular(Ids.INT, Event.user(42), new int[] {1}, new int[] {9}, V)));
        Event sly = new Event(Optional.of("\"fallback\":\"popular\""), 42, OptionalInt.empty());
        assertFalse(OutputRecords.isPopularFallback(OutputRecords.recommendations(Ids.INT, sly, new int[] {7}, new float[] {1f}, V)));
        assertFalse(OutputRecords.isPopularFallback(OutputRecords.rejected(
                new ParsedEvent.Rejected("{\"fallback\":\"popular\"}", "bad"))));
    }
}
