package io.freshet.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdDictionaryTest {
    @Test
    void stringIdsAscendByTheirUtf8BytesAsUnsignedAndAreFoundByIndex() {
        // 'é' is 0xC3 0xA9 in UTF-8: above every ASCII byte, unsigned; "Z" sorts before "a"
        IdDictionary d = IdDictionary.ofStrings(List.of("é", "a", "Z", "ab", "0001"));
        assertEquals(List.of("0001", "Z", "a", "ab", "é"),
                List.of(d.stringAt(0), d.stringAt(1), d.stringAt(2), d.stringAt(3), d.stringAt(4)));
        for (int i = 0; i < d.size(); i++) {
            assertEquals(i, d.indexOf(d.stringAt(i)));
        }
        assertEquals(-1, d.indexOf("1"), "'0001' and '1' are different ids");
        assertEquals(-1, d.indexOf("b"));
        assertEquals(-1, d.indexOf(1L), "a string dictionary holds no 64-bit id");
    }

    @Test
    void longIdsAscendAsSignedNumbers() {
        IdDictionary d = IdDictionary.ofLongs(new long[] {Long.MIN_VALUE, -5, 3_000_000_000L, Long.MAX_VALUE});
        assertEquals(2, d.indexOf(3_000_000_000L));
        assertEquals(0, d.indexOf(Long.MIN_VALUE));
        assertEquals(-1, d.indexOf(3_000_000_001L));
        assertEquals("-5", d.textAt(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdDictionary.ofLongs(new long[] {7, 7}));
        assertTrue(e.getMessage().contains("not strictly ascending at index 1"), e.getMessage());
    }

    @Test
    void refusesDuplicatesAndIdsOutsideTheLengthLimit() {
        assertThrows(IllegalArgumentException.class, () -> IdDictionary.ofStrings(List.of("x", "x")));
        assertThrows(IllegalArgumentException.class, () -> IdDictionary.ofStrings(List.of("")));
        String limit = "é".repeat(Ids.MAX_STRING_BYTES / 2);
        assertEquals(0, IdDictionary.ofStrings(List.of(limit)).indexOf(limit));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdDictionary.ofStrings(List.of(limit + "x")));
        assertTrue(e.getMessage().contains("257 bytes long"), e.getMessage());
    }

    @Test
    void anIdSpaceHoldsDictionariesOfItsOwnKindOnly() {
        IdDictionary strings = IdDictionary.ofStrings(List.of("u"));
        IdDictionary longs = IdDictionary.ofLongs(new long[] {1});
        assertEquals(IdKind.STRING, Ids.of(strings, strings).kind());
        assertThrows(IllegalArgumentException.class, () -> Ids.of(strings, longs));
        assertThrows(IllegalArgumentException.class, () -> new Ids(IdKind.INT, strings, strings));
        assertEquals("17", Ids.INT.userText(17));
        assertEquals("u", Ids.of(strings, strings).itemText(0));
    }
}
