package io.freshet.predictor.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.ArtifactRecords;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.artifact.SeenItems;
import io.freshet.testing.ModelFixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.HashPartitioner;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * A joined user side without Spark: records chunked by partition (many small chunks, delivered in any order)
 * pack into blocks that hold exactly their partition's users, and a selection gives back each user's own
 * factors and seen items.
 */
class UserBlockTest {
    private static final int RANK = 4;
    private static final HashPartitioner PARTITIONER = new HashPartitioner(3);
    private final ModelArtifact model = ModelFixtures.random(500, 50, RANK, 3, 9);
    /** The users with factors: every other one, so that seen.bin also names users without factors. */
    private final FactorMatrix users = everyOtherUser(model.users());

    private static FactorMatrix everyOtherUser(FactorMatrix all) {
        int n = (all.size() + 1) / 2;
        int[] ids = new int[n];
        float[] values = new float[n * RANK];
        for (int k = 0; k < n; k++) {
            ids[k] = all.id(2 * k);
            System.arraycopy(all.values(), 2 * k * RANK, values, k * RANK, RANK);
        }
        return new FactorMatrix(RANK, ids, values);
    }

    /** The chunks a reader emits, grouped by partition, each partition's chunks shuffled. */
    private static <R, C> List<List<C>> chunks(Iterator<R> records, java.util.function.ToIntFunction<R> key,
                                               java.util.function.IntFunction<PartitionChunks.Chunk<R, C>> chunk) {
        List<List<C>> byPartition = new ArrayList<>();
        for (int p = 0; p < PARTITIONER.numPartitions(); p++) {
            byPartition.add(new ArrayList<>());
        }
        new PartitionChunks<>(records, PARTITIONER, key, chunk, 300).forEachRemaining(c -> byPartition.get(c._1()).add(c._2()));
        Random random = new Random(1);
        byPartition.forEach(list -> Collections.shuffle(list, random));
        return byPartition;
    }

    @Test
    void blocksPackedFromShuffledChunksHoldTheirPartitionsUsersWithTheirFactorsAndSeenItems() {
        List<Tuple2<Integer, float[]>> factorRecords = new ArrayList<>();
        for (int r = 0; r < users.size(); r++) {
            factorRecords.add(new Tuple2<>(users.id(r), users.row(r)));
        }
        List<ArtifactRecords.SeenRecord> seenRecords = new ArrayList<>();
        for (int id : model.seen().userIds()) {
            seenRecords.add(new ArtifactRecords.SeenRecord(id, model.seen().itemsOf(id)));
        }
        List<List<FactorMatrix>> factorChunks = chunks(factorRecords.iterator(), Tuple2::_1,
                p -> new UserSideLoader.FactorChunk(RANK));
        List<List<SeenItems>> seenChunks = chunks(seenRecords.iterator(), ArtifactRecords.SeenRecord::user,
                p -> new UserSideLoader.SeenChunk());
        assertTrue(factorChunks.get(0).size() > 3, "a small flush size gives many chunks per partition");

        int total = 0;
        for (int p = 0; p < PARTITIONER.numPartitions(); p++) {
            UserBlock block = UserBlock.of(RANK, factorChunks.get(p).iterator(), seenChunks.get(p).iterator());
            UserBlock.Selection all = block.select(model.users().ids());
            assertEquals(block.size(), all.users().size(), "every user of the block is selectable");
            total += block.size();
            for (int r = 0; r < all.users().size(); r++) {
                int id = all.users().id(r);
                assertEquals(p, PARTITIONER.getPartition(id), "user " + id + " is in its partition's block");
                assertArrayEquals(users.row(users.rowOf(id)), all.users().row(r), "factors of user " + id);
                assertArrayEquals(model.seen().itemsOf(id), all.seen().itemsOf(id), "seen items of user " + id);
            }
            for (int id : all.seen().userIds()) {
                assertTrue(users.rowOf(id) >= 0, "seen items kept only for users with factors, not " + id);
            }
        }
        assertEquals(users.size(), total);
    }

    @Test
    void aSelectionLeavesOutUnknownUsersAndRepeats() {
        UserBlock block = new UserBlock(users, model.seen());
        UserBlock.Selection s = block.select(new int[] {5, 2, 5, 1, 999999});
        assertArrayEquals(new int[] {1, 5}, s.users().ids(), "user 2 has no factors here; 999999 is unknown");
        assertArrayEquals(new int[] {1, 5}, s.seen().userIds());
        assertArrayEquals(model.seen().itemsOf(5), s.seen().itemsOf(5));
    }
}
