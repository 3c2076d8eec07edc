package io.freshet.availability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.CorruptVersionException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The availability file format: a round trip, the two modes, and every refusal naming the file and the fault. */
class AvailabilityFileTest {
    private static ItemAvailability read(String json) {
        return AvailabilityFile.read(json.getBytes(StandardCharsets.UTF_8), "v1", "file F");
    }

    @Test
    void writtenFilesReadBackAndTheModesMeanWhatTheySay() {
        byte[] bytes = AvailabilityFile.write(ItemAvailability.Mode.DENY, new int[] {9, 3, 9, -4});
        assertEquals("{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[9,3,9,-4]}\n",
                new String(bytes, StandardCharsets.UTF_8));
        ItemAvailability deny = AvailabilityFile.read(bytes, "v1", "F");
        assertEquals("v1", deny.version());
        assertArrayEquals(new int[] {-4, 3, 9}, deny.items());
        assertFalse(deny.allows(3));
        assertTrue(deny.allows(4));
        assertFalse(deny.allowsAll());

        ItemAvailability allow = read("{\"formatVersion\":1,\"mode\":\"allow\",\"items\":[3],\"later\":{\"x\":[1]}}");
        assertTrue(allow.allows(3));
        assertFalse(allow.allows(4));
        assertTrue(read("{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[]}").allowsAll());
        assertFalse(read("{\"formatVersion\":1,\"mode\":\"allow\",\"items\":[]}").allows(1), "allow nothing");
        assertTrue(ItemAvailability.ALL.allowsAll());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[1,2|malformed JSON",
        "{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[1,2]}{|trailing content after the object",
        "[1,2]|not a JSON object",
        "{\"formatVersion\":2,\"mode\":\"deny\",\"items\":[]}|formatVersion must be 1, got 2",
        "{\"mode\":\"deny\",\"items\":[]}|formatVersion must be 1, got null",
        "{\"formatVersion\":1,\"mode\":\"block\",\"items\":[]}|mode must be \"allow\" or \"deny\"",
        "{\"formatVersion\":1,\"items\":[]}|missing field mode",
        "{\"formatVersion\":1,\"mode\":\"deny\"}|missing field items",
        "{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[1,\"\"]}|element 2 is ''",
        "{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[1,2.5]}|element 2 is '2.5'",
        "{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[1,99999999999999999999]}|element 2 is '99999999999999999999'",
        "{\"formatVersion\":1,\"mode\":\"deny\",\"items\":5}|items must be a list of item ids (64-bit integers, or strings",
        "{\"formatVersion\":1,\"mode\":\"deny\",\"mode\":\"allow\",\"items\":[]}|malformed JSON",
    })
    void invalidFilesAreRefusedNamingTheFileAndTheFault(String json, String fault) {
        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> read(json));
        assertTrue(e.getMessage().startsWith("availability file file F is not valid: "), e.getMessage());
        assertTrue(e.getMessage().contains(fault), e.getMessage());
    }

    @Test
    void everyTruncationOfAValidFileIsRefused() {
        byte[] whole = AvailabilityFile.write(ItemAvailability.Mode.ALLOW, new int[] {10, 200, 3000});
        for (int length = 0; length < whole.length - 1; length++) { // the last byte is the newline
            byte[] part = Arrays.copyOf(whole, length);
            assertThrows(CorruptVersionException.class, () -> AvailabilityFile.read(part, "v", "F"),
                    "the first " + length + " bytes");
        }
    }

    @org.junit.jupiter.api.Test
    void idsBeyondIntAreKeptAsTextAndResolvedInAVersionsIdSpace() {
        ItemAvailability a = read("{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[3000000000,\"sku-9\",7]}");
        assertEquals(java.util.List.of("3000000000", "7", "sku-9"), a.ids());
        io.freshet.ids.IdDictionary longs = io.freshet.ids.IdDictionary.ofLongs(new long[] {7, 8, 3_000_000_000L});
        ItemAvailability inLongs = a.resolvedFor(io.freshet.ids.Ids.of(longs, longs));
        assertEquals(java.util.List.of("0", "2"), inLongs.ids(), "indices of 7 and 3000000000; sku-9 is no 64-bit id");
        io.freshet.ids.IdDictionary strings = io.freshet.ids.IdDictionary.ofStrings(java.util.List.of("7", "sku-9", "x"));
        ItemAvailability inStrings = a.resolvedFor(io.freshet.ids.Ids.of(strings, strings));
        assertFalse(inStrings.allows(0));
        assertFalse(inStrings.allows(1));
        assertTrue(inStrings.allows(2));
        ItemAvailability inInts = a.resolvedFor(io.freshet.ids.Ids.INT);
        assertEquals(java.util.List.of("7"), inInts.ids(), "only a 32-bit id names an item of an int version");
        ItemAvailability ints = read("{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[2,1]}");
        assertSame(ints, ints.resolvedFor(io.freshet.ids.Ids.INT), "an int file in an int version is used as it is");
        assertEquals("{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[3000000000,\"0042\",\"sku-9\"]}\n",
                new String(AvailabilityFile.write(ItemAvailability.Mode.DENY, java.util.List.of("3000000000", "0042",
                        "sku-9")), java.nio.charset.StandardCharsets.UTF_8), "a plain 64-bit number as a number");
    }
}
