package io.freshet.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Similar-items requests and request rules (docs/events.md): what parses, and every refusal's reason. */
class EventCodecRulesTest {
    private static SimilarItemsRequest similar(String raw) {
        return assertInstanceOf(ParsedEvent.Similar.class, EventCodec.parse(raw)).request();
    }

    private static Event ok(String raw) {
        return assertInstanceOf(ParsedEvent.Ok.class, EventCodec.parse(raw)).event();
    }

    @Test
    void anItemWithoutAUserAsksForSimilarItemsWithOptionalIdNAndRules() {
        assertEquals(SimilarItemsRequest.of(7), similar("{\"item\":7}"));
        assertEquals(SimilarItemsRequest.of(7), similar("{\"item\":\"7\"}"));
        SimilarItemsRequest full = similar("{\"id\":\"s1\",\"item\":7,\"n\":3,\"exclude\":[1,\"2\"],\"include\":[4,5]}");
        assertEquals(new SimilarItemsRequest(Optional.of("s1"), 7, OptionalInt.of(3),
                new ItemRules(new int[] {1, 2}, new int[] {4, 5})), full);
        assertEquals(10, SimilarItemsRequest.of(7).count(10));
        assertEquals(3, full.count(10));
    }

    @Test
    void topNRequestsCarryRulesAndAnEmptyIncludeIsAnEmptyCandidateSet() {
        Event e = ok("{\"user\":42,\"exclude\":[3,1,3]}");
        assertArrayEquals(new int[] {3, 1, 3}, e.rules().exclude());
        assertNull(e.rules().include());
        assertArrayEquals(new int[0], ok("{\"user\":42,\"include\":[]}").rules().include());
        assertEquals(ItemRules.NONE, ok("{\"user\":42}").rules());
        assertEquals(ItemRules.NONE, ok("{\"user\":42,\"n\":\"x\"}").rules(), "n is read on item requests only");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"user\":1,\"exclude\":5}|field exclude must be a list of 32-bit integer item ids, got '5'",
        "{\"user\":1,\"include\":\"1,2\"}|field include must be a list of 32-bit integer item ids, got '1,2'",
        "{\"user\":1,\"include\":{\"a\":1}}|field include must be a list of 32-bit integer item ids, got an object",
        "{\"user\":1,\"exclude\":null}|field exclude must be a list of 32-bit integer item ids, got 'null'",
        "{\"user\":1,\"exclude\":[1,\"x\"]}|field exclude must be a list of 32-bit integer item ids, element 2 is 'x'",
        "{\"user\":1,\"exclude\":[1.5]}|field exclude must be a list of 32-bit integer item ids, element 1 is '1.5'",
        "{\"user\":1,\"exclude\":[[1]]}|field exclude must be a list of 32-bit integer item ids, element 1 is a list",
        "{\"user\":1,\"exclude\":[3000000000]}|field exclude must be a list of 32-bit integer item ids, element 1 is "
            + "'3000000000'",
        "{\"item\":7,\"include\":[{}]}|field include must be a list of 32-bit integer item ids, element 1 is an object",
        "{\"user\":1,\"item\":2,\"exclude\":[1]}|fields exclude and include apply only to list requests "
            + "({\"user\":U} or {\"item\":I}), not to a pair or a rating",
        "{\"user\":1,\"item\":2,\"rating\":4,\"include\":[1]}|fields exclude and include apply only to list requests "
            + "({\"user\":U} or {\"item\":I}), not to a pair or a rating",
        "{\"item\":7,\"n\":0}|field n must be an integer from 1 to 10000, got '0'",
        "{\"item\":7,\"n\":10001}|field n must be an integer from 1 to 10000, got '10001'",
        "{\"item\":7,\"n\":\"5\"}|field n must be an integer from 1 to 10000, got '5'",
        "{\"item\":7,\"n\":[5]}|field n must be an integer from 1 to 10000, got a START_ARRAY",
        "{\"item\":7,\"rating\":4}|missing field user (or uid)",
        "{\"exclude\":[1]}|missing field user (or uid)",
    })
    void malformedRulesAndRequestsAreRefusedWithTheirReason(String raw, String reason) {
        ParsedEvent.Rejected r = assertInstanceOf(ParsedEvent.Rejected.class, EventCodec.parse(raw));
        assertEquals(raw, r.raw());
        assertEquals(reason, r.reason());
    }

    @Test
    void aRulesListOverTheLimitIsRefused() {
        StringBuilder raw = new StringBuilder("{\"user\":1,\"exclude\":[");
        for (int i = 0; i <= EventCodec.MAX_LIST; i++) {
            raw.append(i == 0 ? "" : ",").append(i);
        }
        String event = raw.append("]}").toString();
        assertEquals("field exclude holds more than 10000 item ids",
                assertInstanceOf(ParsedEvent.Rejected.class, EventCodec.parse(event)).reason());
        String atLimit = event.replace("," + EventCodec.MAX_LIST + "]", "]");
        assertEquals(EventCodec.MAX_LIST, ok(atLimit).rules().exclude().length);
    }
}
