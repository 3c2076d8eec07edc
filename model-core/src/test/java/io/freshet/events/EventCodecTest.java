package io.freshet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static Event ok(String raw) {
        return assertInstanceOf(ParsedEvent.Ok.class, EventCodec.parse(raw)).event();
    }

    private static String rejected(String raw) {
        ParsedEvent.Rejected r = assertInstanceOf(ParsedEvent.Rejected.class, EventCodec.parse(raw));
        assertEquals(raw, r.raw());
        return r.reason();
    }

    @Test
    void plainUserLine() {
        assertEquals(Event.user(42), ok("42"));
        assertEquals(Event.user(42), ok(" 42\r"));
    }

    @Test
    void plainPairLine() {
        assertEquals(Event.pair(42, 7), ok("42,7"));
        assertEquals(Event.pair(-3, 7), ok("-3, 7"));
    }

    @Test
    void jsonUserWithStringId() {
        assertEquals(new Event(Optional.of("e-1"), 42, OptionalInt.empty()), ok("{\"id\":\"e-1\",\"user\":42}"));
    }

    @Test
    void jsonPairWithNumericIdAndUnknownFieldsIgnored() {
        assertEquals(new Event(Optional.of("9"), 42, OptionalInt.of(7)),
                ok("{\"user\":42,\"item\":7,\"id\":9,\"ts\":{\"a\":[1,2]}}"));
    }

    @Test
    void ratingEventsArePlainTriplesOrJsonWithARating() {
        Event plain = ok(" 7 , 9 , 4.5 ");
        assertTrue(plain.isRating());
        assertEquals(Event.rating(7, 9, 4.5f), plain);
        assertEquals(Event.rating(7, 9, -1f), ok("{\"user\":7,\"item\":9,\"rating\":-1}"));
        assertEquals(Event.rating(7, 9, 3f), ok("{\"user\":7,\"item\":9,\"rating\":\"3\",\"time\":1700000000}"));
        Event withId = ok("{\"id\":\"r1\",\"user\":7,\"item\":9,\"rating\":2.5,\"time\":\"2026-11-30T10:00:00Z\"}");
        assertEquals(java.util.Optional.of("r1"), withId.id());
        assertEquals(2.5f, withId.ratingValue());
        assertTrue(!ok("7,9").isRating(), "a pair is a request, not a rating");
    }

    @Test
    void uidIsAnotherNameForUser() {
        assertEquals(Event.user(5), ok("{\"uid\": 5}"));
    }

    @Test
    void jsonIdsMayBeNumericStrings() {
        assertEquals(Event.pair(5, 6), ok("{\"user\":\"5\",\"item\":\"6\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|field user must be a 32-bit integer id, got 'abc'",
        "1,x|field item must be a 32-bit integer id, got 'x'",
        "1,2,3,4|expected USER, USER,ITEM or USER,ITEM,RATING, found more than three fields",
        "1,2,x|field rating must be a finite number, got 'x'",
        "1,2,NaN|field rating must be a finite number, got 'NaN'",
        "1,2,1e39|field rating must be a finite number, got '1e39'",
        "1,2,|field rating must be a finite number, got ''",
        "{\"user\":1,\"rating\":4}|a rating needs an item: missing field item",
        "{\"user\":1,\"item\":2,\"rating\":true}|field rating must be a finite number, got 'true'",
        "{\"user\":1,\"item\":2,\"rating\":[4]}|field rating must be a finite number, got a START_ARRAY",
        "{\"user\":1,\"item\":2,\"rating\":4,\"time\":1.5}|field time must be an integer or a string",
        "3000000000|field user must be a 32-bit integer id, got '3000000000'",
        "{\"id\":\"e3\"}|missing field user (or uid)",
        "{\"user\":1.5}|field user must be a 32-bit integer id, got '1.5'",
        "{\"user\":1,\"uid\":2}|user given twice (user and uid are one field)",
        "{\"user\":99999999999}|field user must be a 32-bit integer id, got '99999999999'",
        "[1]|field user must be a 32-bit integer id, got '[1]'",
        "{\"user\":[1]}|field user must be a 32-bit integer id, got a START_ARRAY",
    })
    void malformedEventsAreRejectedWithTheirReason(String raw, String reason) {
        assertEquals(reason, rejected(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"user\":", "{user:1}", "{\"user\":1} x", "{\"user\":1}}"})
    void brokenJsonIsRejected(String raw) {
        String reason = rejected(raw);
        assertTrue(reason.startsWith("malformed JSON"), reason);
    }

    @Test
    void emptyEventIsRejected() {
        assertEquals("empty event", rejected("  "));
    }

    @Test
    void idsAreAsciiDigitsWithAnOptionalMinusOnly() {
        assertEquals(-42, ok("-42").user());
        for (String bad : List.of("+42", "\u0664\u0662", "\uff14\uff12", "4\u00b2", "-", "1,+2", "{\"user\":\"+42\"}",
                "{\"user\":\"\u0664\u0662\"}")) {
            assertTrue(rejected(bad).contains("must be a 32-bit integer id"), bad + ": " + rejected(bad));
        }
    }

    @Test
    void aRepeatedFieldIsAnErrorNotALastOneWins() {
        for (String twice : List.of("{\"user\":1,\"item\":2,\"item\":3}", "{\"user\":1,\"user\":2}",
                "{\"id\":\"a\",\"user\":1,\"id\":\"b\"}")) {
            assertTrue(rejected(twice).contains("Duplicate field") || rejected(twice).contains("given twice"),
                    twice + ": " + rejected(twice));
        }
    }

    @Test
    void onlyAsciiWhiteSpaceIsBlankAndAnythingElseGetsARecord() {
        assertTrue(EventCodec.isBlank(" \t\r\n"));
        assertTrue(EventCodec.isBlank(""));
        for (String unicodeSpace : List.of("\u2003", "\u00a0", "\u3000 ")) {
            assertTrue(!EventCodec.isBlank(unicodeSpace), "U+" + Integer.toHexString(unicodeSpace.charAt(0)));
            assertInstanceOf(ParsedEvent.Rejected.class, EventCodec.parse(unicodeSpace));
        }
    }

    @Test
    void aReasonEchoesAtMostALimitedPartOfAHugeValue() {
        String huge = "9".repeat(5_000_000);
        String reason = rejected(huge);
        assertTrue(reason.length() < 200, "reason of " + reason.length() + " characters");
        assertTrue(reason.contains("(5000000 characters)"), reason);
        String json = rejected("{\"user\":\"" + "x".repeat(100_000) + "\"}");
        assertTrue(json.length() < 200, json.length() + " characters");
    }
}
