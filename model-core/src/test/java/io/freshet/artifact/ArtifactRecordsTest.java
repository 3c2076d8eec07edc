package io.freshet.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.testing.ModelFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Record-level reading: a user record found by its offset alone, and seen.bin read one record at a time. */
class ArtifactRecordsTest {
    private final ModelArtifact model = ModelFixtures.random(40, 25, 7, 4, 5);

    private byte[] factorBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArtifactWriter.writeFactors(model, out);
        return out.toByteArray();
    }

    private static DataInputStream at(byte[] bytes, long offset) {
        return new DataInputStream(new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset));
    }

    @Test
    void everyUserRecordIsWhereItsOffsetSays() throws IOException {
        byte[] bytes = factorBytes();
        int rank = model.rank();
        for (int row = 0; row < model.users().size(); row++) {
            float[] values = new float[rank];
            int id = ArtifactRecords.readFactorRecord(at(bytes, ArtifactRecords.userRecordOffset(rank, row)), rank,
                    values, 0, "user", "factors.bin");
            assertEquals(model.users().id(row), id);
            assertArrayEquals(model.users().row(row), values, "row " + row);
        }
        assertEquals(ArtifactRecords.FACTORS_HEADER_BYTES, ArtifactRecords.userRecordOffset(rank, 0));
        assertEquals(ByteBuffer.wrap(bytes, 16, 4).getInt(), model.users().size(), "users count in the header");
    }

    @Test
    void aNonFiniteFactorInARecordIsCorrupt() {
        ByteBuffer record = ByteBuffer.allocate(ArtifactRecords.factorRecordBytes(2)).putInt(9).putFloat(1f)
                .putFloat(Float.POSITIVE_INFINITY);
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> ArtifactRecords
                .readFactorRecord(at(record.array(), 0), 2, new float[2], 0, "user", "factors.bin"));
        assertTrue(e.getMessage().contains("user 9 has a non-finite factor"), e.getMessage());
    }

    @Test
    void seenFileReadRecordByRecordGivesEveryUsersItems() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArtifactWriter.writeSeen(model.seen(), out);
        DataInputStream in = at(out.toByteArray(), 0);
        ArtifactRecords.SeenHeader header = ArtifactRecords.readSeenHeader(in, "seen.bin");
        assertEquals(model.seen().users(), header.users());
        assertEquals(model.seen().entries(), header.entries());
        long left = header.entries();
        for (int u = 0; u < header.users(); u++) {
            ArtifactRecords.SeenRecord r = ArtifactRecords.readSeenRecord(in, left, "seen.bin");
            assertEquals(model.seen().userIds()[u], r.user());
            assertArrayEquals(model.seen().itemsOf(r.user()), r.items());
            left -= r.items().length;
        }
        assertEquals(0, left);
    }

    @Test
    void aSeenRecordWithMoreItemsThanDeclaredIsCorrupt() {
        ByteBuffer record = ByteBuffer.allocate(8).putInt(3).putInt(5);
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> ArtifactRecords.readSeenRecord(at(record.array(), 0), 4, "seen.bin"));
        assertTrue(e.getMessage().startsWith("seen.bin: user 3 has 5 items"), e.getMessage());
    }
}
