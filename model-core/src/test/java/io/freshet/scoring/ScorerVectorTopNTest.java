package io.freshet.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Scorer.topN(vector, bonus, excluded, n), the scan of new users' blended lists, against a brute-force ranking,
 * and seenItemIds. Factors and bonuses are multiples of 1/4, so scores are exact and ties are common.
 */
class ScorerVectorTopNTest {
    private static final int RANK = 3;
    private static final FactorMatrix ITEMS = Factors.exact(60, RANK, 5); // ids 1, 4, 7, ...
    private static final FactorMatrix USERS = Factors.exact(4, RANK, 6);
    private final Scorer scorer = Scorer.create(USERS, ITEMS, Factors.seen(USERS, ITEMS, 0.3, 8));

    private static float[] quarters(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (random.nextInt(9) - 4) / 4f;
        }
        return values;
    }

    /** Reference: every item's exact score, excluded ones left out, score descending then id ascending. */
    private static int[] bruteForce(float[] vector, float[] bonus, int[] excluded, int n) {
        double[] scores = new double[ITEMS.size()];
        for (int r = 0; r < ITEMS.size(); r++) {
            for (int f = 0; f < RANK; f++) {
                scores[r] += (double) vector[f] * ITEMS.values()[r * RANK + f];
            }
            scores[r] += bonus[r];
        }
        return IntStream.range(0, ITEMS.size()).filter(r -> Arrays.binarySearch(excluded, ITEMS.id(r)) < 0).boxed()
                .sorted(Comparator.<Integer>comparingDouble(r -> -scores[r]).thenComparingInt(ITEMS::id))
                .limit(n).mapToInt(ITEMS::id).toArray();
    }

    private void assertMatches(float[] vector, float[] bonus, int[] excluded, int n) {
        TopN top = scorer.topN(vector, bonus, excluded, n);
        int[] expected = bruteForce(vector, bonus, excluded, n);
        assertArrayEquals(expected, top.itemIds(), top.toString());
        for (int i = 0; i < expected.length; i++) {
            int row = ITEMS.rowOf(expected[i]);
            double score = bonus[row];
            for (int f = 0; f < RANK; f++) {
                score += (double) vector[f] * ITEMS.values()[row * RANK + f];
            }
            assertEquals(score, top.scores()[i], 0.0, "score of item " + expected[i]);
        }
    }

    @Test
    void equalsTheBruteForceRankingWithTiesAndNegativeScores() {
        for (long seed = 1; seed <= 20; seed++) {
            float[] vector = quarters(RANK, seed);
            float[] bonus = quarters(ITEMS.size(), seed + 100);
            int[] excluded = {1, 10, 31, 100};
            assertMatches(vector, bonus, excluded, 10);
            assertMatches(vector, new float[ITEMS.size()], new int[0], ITEMS.size());
        }
    }

    @Test
    void tiesGoToTheLowerItemIdAndNegativeScoresRankBelowZero() {
        float[] zero = new float[RANK];
        float[] bonus = new float[ITEMS.size()];
        bonus[ITEMS.rowOf(19)] = -0.5f;
        bonus[ITEMS.rowOf(4)] = -1.5f;
        bonus[ITEMS.rowOf(7)] = 0.25f;
        bonus[ITEMS.rowOf(10)] = -0.25f;
        TopN top = scorer.topN(zero, bonus, new int[] {1}, ITEMS.size());
        assertEquals(7, top.itemIds()[0]);
        assertEquals(13, top.itemIds()[1], "score 0: the lowest id not excluded, 1 being excluded");
        int n = top.size();
        assertArrayEquals(new int[] {10, 19, 4}, Arrays.copyOfRange(top.itemIds(), n - 3, n));
        assertArrayEquals(new float[] {-0.25f, -0.5f, -1.5f}, Arrays.copyOfRange(top.scores(), n - 3, n));
        assertEquals(ITEMS.size() - 1, n, "all but the excluded item");
    }

    @Test
    void fewerItemsThanAskedAndNoneAsked() {
        int[] all = Arrays.stream(ITEMS.ids()).filter(id -> id > 7).toArray();
        assertEquals(3, scorer.topN(new float[RANK], new float[ITEMS.size()], all, 10).size(), "only 1, 4, 7 left");
        assertEquals(0, scorer.topN(new float[RANK], new float[ITEMS.size()], new int[0], 0).size());
        assertThrows(IllegalArgumentException.class, () -> scorer.topN(new float[RANK + 1], new float[ITEMS.size()],
                new int[0], 5));
        assertThrows(IllegalArgumentException.class, () -> scorer.topN(new float[RANK], new float[3], new int[0], 5));
    }

    @Test
    void seenItemIdsAreTheUsersKnownSeenItemsAscending() {
        SeenItems seen = Factors.seen(USERS, ITEMS, 0.3, 8);
        for (int row = 0; row < USERS.size(); row++) {
            int[] expected = Arrays.stream(seen.itemsOf(USERS.id(row))).filter(id -> ITEMS.rowOf(id) >= 0).sorted()
                    .toArray();
            assertArrayEquals(expected, scorer.seenItemIds(row), "user row " + row);
        }
        assertTrue(scorer.seenItemIds(0).length > 0, "user row 0 has seen items");
        assertEquals(0, scorer.seenItemIds(1).length, "Factors.seen gives every other user seen items");
    }
}
