package io.freshet.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.testing.ModelFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Files written from streamed record blocks (as the trainer's executors encode them) are byte for byte the files
 * written from a whole artifact, whatever the blocks' boundaries; blocks that do not add up to the header, or come out
 * of order, are refused before the end marker.
 */
class RecordBlockTest {
    private final ModelArtifact model = ModelFixtures.random(3_000, 40, 9, 6, 17);

    private static byte[] whole(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.write(out);
        return out.toByteArray();
    }

    private interface Body {
        void write(ByteArrayOutputStream out) throws IOException;
    }

    /** The user records of the model as blocks, a new builder every {@code perBuilder} users (one "partition"). */
    private List<RecordBlock> factorBlocks(int perBuilder) {
        List<RecordBlock> blocks = new ArrayList<>();
        FactorMatrix users = model.users();
        RecordBlock.Builder b = new RecordBlock.Builder();
        for (int r = 0; r < users.size(); r++) {
            if (r > 0 && r % perBuilder == 0) {
                blocks.addAll(b.build());
                b = new RecordBlock.Builder();
            }
            b.addFactors(users.id(r), users.values(), r * users.rank(), users.rank());
        }
        blocks.addAll(b.build());
        return blocks;
    }

    private List<RecordBlock> seenBlocks(int perBuilder) {
        List<RecordBlock> blocks = new ArrayList<>();
        SeenItems seen = model.seen();
        RecordBlock.Builder b = new RecordBlock.Builder();
        for (int u = 0; u < seen.users(); u++) {
            if (u > 0 && u % perBuilder == 0) {
                blocks.addAll(b.build());
                b = new RecordBlock.Builder();
            }
            b.addSeen(seen.userIds()[u], seen.itemIds(), seen.offsets()[u], seen.offsets()[u + 1]);
        }
        blocks.addAll(b.build());
        return blocks;
    }

    private byte[] streamedFactors(Iterator<RecordBlock> blocks, int users) throws IOException {
        return whole(out -> ArtifactWriter.writeFactors(model.rank(), users, blocks, model.items(),
                model.popularItems(), model.popularCounts(), out));
    }

    @Test
    void streamedFilesEqualWholeFilesWhateverTheBlockBoundaries() throws IOException {
        byte[] factors = whole(out -> ArtifactWriter.writeFactors(model, out));
        byte[] seen = whole(out -> ArtifactWriter.writeSeen(model.seen(), out));
        for (int perBuilder : new int[] {1, 7, 1_000, 10_000}) {
            assertArrayEquals(factors, streamedFactors(factorBlocks(perBuilder).iterator(), model.users().size()),
                    "factors.bin, " + perBuilder + " users a partition");
            List<RecordBlock> seenBlocks = seenBlocks(perBuilder);
            assertArrayEquals(seen, whole(out -> ArtifactWriter.writeSeen(model.seen().users(), model.seen().entries(),
                    seenBlocks.iterator(), out)), "seen.bin, " + perBuilder + " users a partition");
        }
    }

    @Test
    void aBuilderCutsBlocksAtAboutTheTargetSize() {
        RecordBlock.Builder b = new RecordBlock.Builder();
        float[] values = new float[250];
        for (int u = 0; u < 3_000; u++) {
            b.addFactors(u, values, 0, 250);
        }
        List<RecordBlock> blocks = b.build();
        assertEquals(12, blocks.size(), "3,000 records of 1,004 bytes in blocks of at least 256 KiB");
        assertEquals(3_000, blocks.stream().mapToInt(RecordBlock::records).sum());
        assertEquals(0, blocks.get(0).firstId());
        assertEquals(blocks.get(0).lastId() + 1, blocks.get(1).firstId());
        assertEquals(2_999, blocks.get(11).lastId());
    }

    @Test
    void blocksThatDoNotAddUpToTheHeaderAreRefused() {
        List<RecordBlock> blocks = factorBlocks(100);
        List<RecordBlock> missing = new ArrayList<>(blocks.subList(0, blocks.size() - 1));
        CorruptArtifactException short1 = assertThrows(CorruptArtifactException.class,
                () -> streamedFactors(missing.iterator(), model.users().size()));
        assertTrue(short1.getMessage().contains("differ from its header"), short1.getMessage());
        assertThrows(CorruptArtifactException.class,
                () -> streamedFactors(blocks.iterator(), model.users().size() - 1));
        List<RecordBlock> seen = seenBlocks(100);
        CorruptArtifactException entries = assertThrows(CorruptArtifactException.class, () -> whole(out ->
                ArtifactWriter.writeSeen(model.seen().users(), model.seen().entries() + 1, seen.iterator(), out)));
        assertTrue(entries.getMessage().contains("entries"), entries.getMessage());
    }

    @Test
    void blocksOutOfOrderAreRefused() {
        List<RecordBlock> blocks = new ArrayList<>(factorBlocks(100));
        java.util.Collections.swap(blocks, 0, 1);
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> streamedFactors(blocks.iterator(), model.users().size()));
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
    }

    @Test
    void aBuilderRefusesWhatNoReaderWouldAccept() {
        RecordBlock.Builder b = new RecordBlock.Builder().addFactors(5, new float[] {1f}, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> b.addFactors(5, new float[] {1f}, 0, 1));
        CorruptArtifactException nan = assertThrows(CorruptArtifactException.class,
                () -> new RecordBlock.Builder().addFactors(6, new float[] {0f, Float.NaN}, 0, 2));
        assertTrue(nan.getMessage().contains("user 6 has a non-finite factor"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new RecordBlock.Builder().addSeen(1, new int[] {3, 3}, 0, 2));
        assertTrue(new RecordBlock.Builder().build().isEmpty());
    }
}
