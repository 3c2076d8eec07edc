package io.freshet.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.ids.IdDictionary;
import io.freshet.ids.IdKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdDictionaryFileTest {
    private static byte[] bytesOf(IdDictionary d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IdDictionaryFile.write(d, out);
        return out.toByteArray();
    }

    private static IdDictionary read(byte[] file) throws IOException {
        return IdDictionaryFile.read(new ByteArrayInputStream(file), file.length, "ids/users.bin");
    }

    @Test
    void roundTripsBothKindsWithTheDocumentedLength() throws IOException {
        IdDictionary strings = IdDictionary.ofStrings(List.of("A2SUAM1J3GNN3B", "0000013714", "ü-user"));
        byte[] file = bytesOf(strings);
        long payload = 3 * 2 + "A2SUAM1J3GNN3B".length() + "0000013714".length() + "ü-user".getBytes("UTF-8").length;
        assertEquals(28 + payload + 8, file.length);
        assertEquals(strings, read(file));
        IdDictionary longs = IdDictionary.ofLongs(new long[] {-1, 2_147_483_648L, 9_000_000_000_000L});
        byte[] longFile = bytesOf(longs);
        assertEquals(28 + 3 * 8 + 8, longFile.length);
        assertEquals(longs, read(longFile));
    }

    @Test
    void theStreamingWriterChecksOrderAndTheDeclaredShape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IdDictionaryFile.Writer w = new IdDictionaryFile.Writer(out, IdKind.LONG, 2, 16);
        w.add(5);
        assertThrows(IllegalArgumentException.class, () -> w.add(5));
        IdDictionaryFile.Writer shortOne = new IdDictionaryFile.Writer(new ByteArrayOutputStream(), IdKind.STRING, 2, 5);
        shortOne.add("ab");
        IllegalStateException e = assertThrows(IllegalStateException.class, shortOne::close);
        assertTrue(e.getMessage().contains("wrote 1 ids"), e.getMessage());
    }

    @Test
    void refusesTruncatedReorderedAndOverlongFilesNamingTheFile() throws IOException {
        byte[] file = bytesOf(IdDictionary.ofStrings(List.of("a", "b")));
        CorruptArtifactException truncated = assertThrows(CorruptArtifactException.class,
                () -> read(Arrays.copyOf(file, file.length - 3)));
        assertTrue(truncated.getMessage().startsWith("ids/users.bin: truncated"), truncated.getMessage());
        byte[] swapped = file.clone();
        swapped[30] = 'b';
        swapped[33] = 'a';
        CorruptArtifactException order = assertThrows(CorruptArtifactException.class, () -> read(swapped));
        assertTrue(order.getMessage().contains("not ascending at index 1"), order.getMessage());
        byte[] longLength = file.clone();
        ByteBuffer.wrap(longLength).putShort(28, (short) 300);
        CorruptArtifactException length = assertThrows(CorruptArtifactException.class, () -> read(longLength));
        assertTrue(length.getMessage().contains("has length 300"), length.getMessage());
        byte[] factors = file.clone();
        factors[4] = 'F';
        assertTrue(assertThrows(CorruptArtifactException.class, () -> read(factors)).getMessage()
                .contains("not a Freshet id-dictionary file"));
    }
}
