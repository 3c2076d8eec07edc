package io.freshet.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.testing.ModelFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArtifactFormatTest {
    private final ModelArtifact model = ModelFixtures.random(50, 30, 7, 4, 11);

    private byte[] factorBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArtifactWriter.writeFactors(model, out);
        return out.toByteArray();
    }

    private byte[] seenBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArtifactWriter.writeSeen(model.seen(), out);
        return out.toByteArray();
    }

    private static ArtifactReader.Factors readFactors(byte[] b) throws IOException {
        return ArtifactReader.readFactors(new ByteArrayInputStream(b), b.length, "factors.bin");
    }

    @Test
    void factorFileRoundTripsExactly() throws IOException {
        ArtifactReader.Factors back = readFactors(factorBytes());
        assertArrayEquals(model.users().ids(), back.users().ids());
        assertArrayEquals(model.users().values(), back.users().values());
        assertArrayEquals(model.items().ids(), back.items().ids());
        assertArrayEquals(model.items().values(), back.items().values());
        assertArrayEquals(model.popularItems(), back.popularItems());
        assertArrayEquals(model.popularCounts(), back.popularCounts());
    }

    @Test
    void factorFileHasTheDocumentedSize() throws IOException {
        int rank = 7;
        long expected = 8 + 5 * 4 + 50L * (4 + 4 * rank) + 30L * (4 + 4 * rank) + 30L * 8 + 8;
        assertEquals(expected, factorBytes().length);
    }

    @Test
    void seenFileRoundTripsExactly() throws IOException {
        byte[] b = seenBytes();
        SeenItems back = ArtifactReader.readSeen(new ByteArrayInputStream(b), b.length, "seen.bin");
        assertArrayEquals(model.seen().userIds(), back.userIds());
        assertArrayEquals(model.seen().offsets(), back.offsets());
        assertArrayEquals(model.seen().itemIds(), back.itemIds());
    }

    @Test
    void truncatedFactorFileIsRefusedByName() throws IOException {
        byte[] b = factorBytes();
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> readFactors(Arrays.copyOf(b, b.length - 20)));
        assertTrue(e.getMessage().startsWith("factors.bin: "), e.getMessage());
    }

    @Test
    void truncatedSeenFileIsRefused() throws IOException {
        byte[] b = seenBytes();
        assertThrows(CorruptArtifactException.class,
                () -> ArtifactReader.readSeen(new ByteArrayInputStream(Arrays.copyOf(b, b.length - 3)), b.length - 3,
                        "seen.bin"));
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        byte[] b = factorBytes();
        byte[] longer = Arrays.copyOf(b, b.length + 1);
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> readFactors(longer));
        assertTrue(e.getMessage().contains("after its end marker"), e.getMessage());
    }

    @Test
    void nanFactorIsRefusedOnRead() throws IOException {
        byte[] b = factorBytes();
        int firstUserFactor = 8 + 5 * 4 + 4;
        ByteBuffer.wrap(b).putFloat(firstUserFactor, Float.NaN);
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> readFactors(b));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    }

    @Test
    void infiniteFactorIsNeverWritten() {
        float[] values = model.items().values().clone();
        values[3] = Float.POSITIVE_INFINITY;
        ModelArtifact bad = new ModelArtifact(model.users(), new FactorMatrix(7, model.items().ids(), values),
                model.popularItems(), model.popularCounts(), model.seen());
        assertThrows(CorruptArtifactException.class, () -> ArtifactWriter.writeFactors(bad, new ByteArrayOutputStream()));
    }

    @Test
    void unknownBinaryFormatIsRefused() throws IOException {
        byte[] b = factorBytes();
        ByteBuffer.wrap(b).putInt(8, 99);
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> readFactors(b));
        assertTrue(e.getMessage().contains("binary format 99"), e.getMessage());
    }

    @Test
    void wrongMagicIsRefused() throws IOException {
        byte[] b = factorBytes();
        b[0] = 'X';
        assertThrows(CorruptArtifactException.class, () -> readFactors(b));
    }

    @Test
    void absurdRankIsRefusedBeforeAllocating() throws IOException {
        byte[] b = factorBytes();
        ByteBuffer.wrap(b).putInt(12, 1 << 30);
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> readFactors(b));
        assertTrue(e.getMessage().contains("rank"), e.getMessage());
    }

    @Test
    void aHeaderDeclaringMoreThanTheFileHoldsIsRefusedBeforeAllocating() throws IOException {
        byte[] factors = factorBytes();
        ByteBuffer.wrap(factors).putInt(16, Integer.MAX_VALUE); // users: about 64 GiB of rank-7 records
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> readFactors(factors));
        assertTrue(e.getMessage().startsWith("factors.bin: truncated (its header declares "), e.getMessage());
        byte[] seen = seenBytes();
        ByteBuffer.wrap(seen).putInt(12, Integer.MAX_VALUE); // users
        ByteBuffer.wrap(seen).putLong(16, Integer.MAX_VALUE - 8); // entries
        e = assertThrows(CorruptArtifactException.class,
                () -> ArtifactReader.readSeen(new ByteArrayInputStream(seen), seen.length, "seen.bin"));
        assertTrue(e.getMessage().startsWith("seen.bin: truncated (its header declares "), e.getMessage());
    }

    @Test
    void factorMatrixRefusesUnsortedIds() {
        assertThrows(IllegalArgumentException.class, () -> new FactorMatrix(1, new int[] {2, 1}, new float[2]));
    }
}
