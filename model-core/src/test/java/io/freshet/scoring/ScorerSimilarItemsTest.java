package io.freshet.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scorer.similarItems against a brute-force cosine ranking over the item factors, with and without filters. */
class ScorerSimilarItemsTest {
    private static Scorer scorer(String kernel, FactorMatrix items) {
        FactorMatrix users = Factors.gaussian(3, items.rank(), 1);
        return Factors.scorer(kernel, users, items, SeenItems.empty());
    }

    private static void assertRanked(BruteForce.Ranked want, TopN got, String where) {
        assertArrayEquals(want.itemIds(), got.itemIds(), where);
        for (int k = 0; k < want.scores().length; k++) {
            assertEquals(want.scores()[k], got.scores()[k], 1e-5, where + " place " + k);
        }
    }

    private static ItemFilter[] none(int count) {
        ItemFilter[] filters = new ItemFilter[count];
        Arrays.fill(filters, ItemFilter.NONE);
        return filters;
    }

    @ParameterizedTest(name = "{0} kernel")
    @ValueSource(strings = {"vector", "scalar"})
    void similarItemsEqualABruteForceCosineRankingForSeveralItemsRanksAndLengths(String kernel) {
        for (int rank : new int[] {1, 10, 17, 32}) {
            FactorMatrix items = Factors.gaussian(3001, rank, 40 + rank);
            Scorer scorer = scorer(kernel, items);
            int[] rows = {0, 1, 15, 16, 17, 700, 1500, 2999, 3000, 42, 42};
            int[] n = {1, 10, 50, 10, 3, 20, 10, 10, 5, 10, 0};
            TopN[] got = scorer.similarItems(rows, n, none(rows.length), 1);
            for (int q = 0; q < rows.length; q++) {
                BruteForce.Ranked want = BruteForce.similar(items, rows[q], n[q], id -> true);
                assertEquals(n[q], got[q].size(), "rank " + rank + " item row " + rows[q]);
                assertRanked(want, got[q], "rank " + rank + " item row " + rows[q] + " n " + n[q]);
            }
        }
    }

    @ParameterizedTest(name = "{0} kernel")
    @ValueSource(strings = {"vector", "scalar"})
    void filtersApplyInsideTheScanSoListsStayNLongAndEqualTheFilteredBruteForce(String kernel) {
        FactorMatrix items = Factors.gaussian(2000, 12, 77);
        Scorer scorer = scorer(kernel, items);
        Random random = new Random(78);
        int[] rows = {3, 500, 1999};
        for (int row : rows) {
            int[] unfiltered = BruteForce.similar(items, row, 40, id -> true).itemIds();
            int[] excluded = Arrays.copyOf(unfiltered, 20); // the 20 most similar, and an unknown id
            excluded = Arrays.copyOf(excluded, 21);
            excluded[20] = -5;
            int[] candidates = random.ints(300, 0, items.size()).map(items::id).toArray();
            for (ItemFilter filter : new ItemFilter[] {ItemFilter.of(excluded, null),
                    ItemFilter.of(new int[0], candidates), ItemFilter.of(excluded, candidates)}) {
                TopN got = scorer.similarItems(new int[] {row}, new int[] {15}, new ItemFilter[] {filter}, 1)[0];
                IntPredicate allowed = filter::allows;
                assertEquals(15, got.size(), "filtered list of item row " + row);
                assertRanked(BruteForce.similar(items, row, 15, allowed), got, "item row " + row + " " + filter);
                assertEquals(0, Arrays.stream(got.itemIds()).filter(id -> !filter.allows(id)).count());
            }
        }
    }

    @Test
    void kernelsGiveTheSameBitsAndThreadsTheSameLists() {
        FactorMatrix items = Factors.gaussian(1234, 17, 9);
        int[] rows = new Random(10).ints(37, 0, items.size()).toArray();
        int[] n = new int[rows.length];
        Arrays.fill(n, 10);
        TopN[] vector = scorer("vector", items).similarItems(rows, n, none(rows.length), 1);
        TopN[] scalar = scorer("scalar", items).similarItems(rows, n, none(rows.length), 1);
        TopN[] threaded = scorer("vector", items).similarItems(rows, n, none(rows.length), 3);
        assertArrayEquals(vector, scalar);
        assertArrayEquals(vector, threaded);
    }

    @Test
    void theItemItselfIsLeftOutButItsTwinsAreListedAndAZeroVectorScoresZero() {
        // items 1, 4, 7 have the same direction (7 twice as long); item 10 is all zeros; 13 points away
        FactorMatrix items = new FactorMatrix(2, new int[] {1, 4, 7, 10, 13},
                new float[] {1, 2, 1, 2, 2, 4, 0, 0, -1, -2});
        Scorer scorer = scorer("scalar", items);
        TopN top = scorer.similarItems(0, 10);
        assertArrayEquals(new int[] {4, 7, 10, 13}, top.itemIds());
        assertArrayEquals(new float[] {1f, 1f, 0f, -1f}, top.scores(), 1e-6f);
        TopN ofZero = scorer.similarItems(3, 2);
        assertArrayEquals(new int[] {1, 4}, ofZero.itemIds()); // every score 0: ascending ids
        assertArrayEquals(new float[] {0f, 0f}, ofZero.scores());
    }

    @Test
    void rejectsRowsOutsideTheItemsAndMismatchedArguments() {
        Scorer scorer = scorer("scalar", Factors.gaussian(10, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> scorer.similarItems(10, 5));
        assertThrows(IllegalArgumentException.class, () -> scorer.similarItems(0, -1));
        assertThrows(IllegalArgumentException.class,
                () -> scorer.similarItems(new int[] {0, 1}, new int[] {5}, none(2), 1));
        assertThrows(IllegalArgumentException.class,
                () -> scorer.similarItems(new int[] {0, 1}, new int[] {5, 5}, none(1), 1));
    }
}
