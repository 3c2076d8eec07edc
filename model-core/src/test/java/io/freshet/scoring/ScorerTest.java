package io.freshet.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScorerTest {
    @ParameterizedTest(name = "{0} kernel")
    @ValueSource(strings = {"vector", "scalar"})
    void topNEqualsBruteForceExactlyAcrossBlockEdgesRanksAndTies(String kernel) {
        long seed = 1;
        for (int itemCount : new int[] {1, 7, 17, 1001}) {
            for (int rank : new int[] {1, 3, 10, 17, 32, 33}) {
                FactorMatrix users = Factors.exact(13, rank, seed++);
                FactorMatrix items = Factors.exact(itemCount, rank, seed++);
                SeenItems seen = Factors.seen(users, items, 0.2, seed++);
                Scorer scorer = Factors.scorer(kernel, users, items, seen);
                for (int n : new int[] {1, 10}) {
                    for (boolean excludeSeen : new boolean[] {false, true}) {
                        TopN[] got = scorer.topN(Factors.allRows(users.size()), n, excludeSeen);
                        for (int u = 0; u < users.size(); u++) {
                            BruteForce.Ranked want = BruteForce.topN(users, items, seen, u, n, excludeSeen);
                            String where = "items=" + itemCount + " rank=" + rank + " n=" + n + " excludeSeen="
                                    + excludeSeen + " user row " + u;
                            assertArrayEquals(want.itemIds(), got[u].itemIds(), where);
                            assertArrayEquals(floats(want.scores()), got[u].scores(), where);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} kernel")
    @ValueSource(strings = {"vector", "scalar"})
    void topNMatchesBruteForceOnGaussianFactors(String kernel) {
        for (int rank : new int[] {10, 32}) {
            FactorMatrix users = Factors.gaussian(41, rank, 100 + rank);
            FactorMatrix items = Factors.gaussian(3000, rank, 200 + rank);
            SeenItems seen = Factors.seen(users, items, 0.05, 300 + rank);
            Scorer scorer = Factors.scorer(kernel, users, items, seen);
            for (boolean excludeSeen : new boolean[] {false, true}) {
                TopN[] got = scorer.topN(Factors.allRows(users.size()), 20, excludeSeen);
                for (int u = 0; u < users.size(); u++) {
                    BruteForce.Ranked want = BruteForce.topN(users, items, seen, u, 20, excludeSeen);
                    assertArrayEquals(want.itemIds(), got[u].itemIds(), "rank " + rank + " user row " + u);
                    for (int k = 0; k < want.scores().length; k++) {
                        assertEquals(want.scores()[k], got[u].scores()[k], 1e-5, "rank " + rank + " user row " + u);
                    }
                }
            }
        }
    }

    @Test
    void vectorAndScalarKernelsGiveIdenticalListsAndScoreAgrees() {
        FactorMatrix users = Factors.gaussian(30, 17, 7);
        FactorMatrix items = Factors.gaussian(777, 17, 8);
        SeenItems seen = Factors.seen(users, items, 0.1, 9);
        Scorer vector = Factors.scorer("vector", users, items, seen);
        Scorer scalar = Factors.scorer("scalar", users, items, seen);
        int[] rows = Factors.allRows(users.size());
        TopN[] fromVector = vector.topN(rows, 15, true);
        assertArrayEquals(fromVector, scalar.topN(rows, 15, true));
        for (int u = 0; u < rows.length; u++) {
            for (int k = 0; k < fromVector[u].size(); k++) {
                int itemRow = vector.itemRow(fromVector[u].itemIds()[k]);
                assertEquals(fromVector[u].scores()[k], vector.score(u, itemRow), "user row " + u + " rank " + k);
            }
        }
    }

    @ParameterizedTest(name = "{0} kernel")
    @ValueSource(strings = {"vector", "scalar"})
    void returnsEveryItemLeftWhenNExceedsThem(String kernel) {
        FactorMatrix users = Factors.gaussian(9, 5, 11);
        FactorMatrix items = Factors.gaussian(17, 5, 12);
        SeenItems seen = Factors.seen(users, items, 0.3, 13);
        TopN[] got = Factors.scorer(kernel, users, items, seen).topN(Factors.allRows(9), 50, true);
        for (int u = 0; u < 9; u++) {
            int unseen = 17 - seen.itemsOf(users.id(u)).length + (u % 2 == 0 ? 1 : 0);
            assertEquals(unseen, got[u].size(), "user row " + u);
            assertArrayEquals(BruteForce.topN(users, items, seen, u, 50, true).itemIds(), got[u].itemIds());
        }
        assertTrue(seen.itemsOf(users.id(0)).length > 1, "the seed should give user 0 some seen items");
    }

    @ParameterizedTest(name = "{0} kernel")
    @ValueSource(strings = {"vector", "scalar"})
    void equalScoresComeOutByAscendingItemIdAcrossBlocks(String kernel) {
        int rank = 3;
        int itemCount = 60;
        float[] values = new float[itemCount * rank];
        for (int row : new int[] {3, 17, 18, 40, 59}) {
            values[row * rank] = 1f;
            values[row * rank + 2] = 0.5f;
        }
        FactorMatrix items = new FactorMatrix(rank, Factors.ids(itemCount), values);
        FactorMatrix users = new FactorMatrix(rank, new int[] {5}, new float[] {2f, -1f, 1f});
        TopN got = Factors.scorer(kernel, users, items, SeenItems.empty()).topN(0, 4, false);
        assertArrayEquals(new int[] {10, 52, 55, 121}, got.itemIds());
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, got.scores());
    }

    @ParameterizedTest(name = "{0} kernel")
    @ValueSource(strings = {"vector", "scalar"})
    void itemsWithNaNScoresNeverAppear(String kernel) {
        FactorMatrix clean = Factors.gaussian(20, 4, 21);
        float[] values = clean.values().clone();
        values[5 * 4 + 1] = Float.NaN;
        FactorMatrix items = new FactorMatrix(4, clean.ids(), values);
        FactorMatrix users = Factors.gaussian(3, 4, 22);
        TopN[] got = Factors.scorer(kernel, users, items, SeenItems.empty()).topN(new int[] {0, 1, 2}, 30, false);
        for (TopN list : got) {
            assertEquals(19, list.size());
            assertFalse(Arrays.stream(list.itemIds()).anyMatch(id -> id == items.id(5)));
            for (float score : list.scores()) {
                assertFalse(Float.isNaN(score));
            }
        }
    }

    @Test
    void multiThreadedTopNEqualsSingleThreaded() {
        FactorMatrix users = Factors.gaussian(1001, 17, 31);
        FactorMatrix items = Factors.gaussian(500, 17, 32);
        SeenItems seen = Factors.seen(users, items, 0.05, 33);
        Scorer scorer = Scorer.create(users, items, seen);
        int[] rows = Factors.allRows(users.size());
        TopN[] single = scorer.topN(rows, 10, true);
        for (int threads : new int[] {2, 3, 7}) {
            assertArrayEquals(single, scorer.topN(rows, 10, true, threads), threads + " threads");
        }
    }

    @Test
    void repeatedAndUnorderedUserRowsEachGetTheirOwnList() {
        FactorMatrix users = Factors.gaussian(12, 6, 41);
        FactorMatrix items = Factors.gaussian(100, 6, 42);
        Scorer scorer = Scorer.create(users, items, SeenItems.empty());
        TopN[] got = scorer.topN(new int[] {11, 0, 11, 5}, 3, false);
        assertEquals(got[0], got[2]);
        assertEquals(scorer.topN(5, 3, false), got[3]);
        assertEquals(scorer.topN(0, 3, false), got[1]);
    }

    @Test
    void zeroNGivesEmptyLists() {
        Scorer scorer = Scorer.create(Factors.gaussian(3, 4, 1), Factors.gaussian(10, 4, 2), SeenItems.empty());
        for (TopN list : scorer.topN(new int[] {0, 2}, 0, false)) {
            assertEquals(0, list.size());
        }
    }

    @Test
    void rowsMapIdsAndUnknownIdsGiveMinusOne() {
        Scorer scorer = Scorer.create(Factors.gaussian(3, 4, 1), Factors.gaussian(10, 4, 2), SeenItems.empty());
        assertEquals(2, scorer.userRow(7));
        assertEquals(-1, scorer.userRow(8));
        assertEquals(9, scorer.itemRow(28));
        assertEquals(-1, scorer.itemRow(0));
        assertEquals(28, scorer.itemId(9));
        assertEquals(4, scorer.rank());
    }

    @Test
    void rejectsRowsOutsideTheModelAndNegativeN() {
        Scorer scorer = Scorer.create(Factors.gaussian(3, 4, 1), Factors.gaussian(10, 4, 2), SeenItems.empty());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> scorer.topN(new int[] {0, -1}, 5, false));
        assertTrue(unknown.getMessage().contains("userRows[1]"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> scorer.topN(new int[] {0}, -1, false));
        assertThrows(IllegalArgumentException.class, () -> scorer.topN(new int[] {0}, 1, false, 0));
        assertThrows(IllegalArgumentException.class, () -> scorer.score(0, 10));
        assertThrows(IllegalArgumentException.class, () -> Scorer.create(Factors.gaussian(3, 4, 1),
                Factors.gaussian(10, 5, 2), SeenItems.empty()));
    }

    @Test
    void deserializedScorerGivesTheSameListsAndTravelsAtAboutRawFactorSize() throws Exception {
        FactorMatrix users = Factors.gaussian(200, 10, 51);
        FactorMatrix items = Factors.gaussian(300, 10, 52);
        SeenItems seen = Factors.seen(users, items, 0.1, 53);
        Scorer scorer = Scorer.create(users, items, seen);
        byte[] bytes = serialize(scorer);
        Scorer copy = deserialize(bytes);
        int[] rows = Factors.allRows(users.size());
        assertArrayEquals(scorer.topN(rows, 10, true), copy.topN(rows, 10, true));
        long raw = (long) (users.values().length + items.values().length) * Float.BYTES
                + (long) (users.size() + items.size()) * Integer.BYTES + seen.entries() * Integer.BYTES;
        assertTrue(bytes.length < raw * 1.2 + 2048, bytes.length + " serialized bytes for " + raw + " raw bytes");
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(value);
        }
        return out.toByteArray();
    }

    private static Scorer deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Scorer) objects.readObject();
        }
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
