package io.freshet.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Users' top-N with per-user item filters, applied inside the scan, against a brute-force filtered ranking. */
class ScorerFilterTest {
    @ParameterizedTest(name = "{0} kernel")
    @ValueSource(strings = {"vector", "scalar"})
    void filteredListsAreNLongAndEqualTheFilteredBruteForce(String kernel) {
        FactorMatrix items = Factors.gaussian(2500, 16, 502);
        FactorMatrix users = Factors.gaussian(29, 16, 501);
        SeenItems seen = Factors.seen(users, items, 0.05, 503);
        Scorer scorer = Factors.scorer(kernel, users, items, seen);
        Random random = new Random(504);
        int n = 20;
        int[] rows = Factors.allRows(users.size());
        ItemFilter[] filters = new ItemFilter[rows.length];
        for (int u = 0; u < rows.length; u++) {
            // every third user: no filter; else the user's 30 best excluded, and for some a random candidate set
            int[] best = BruteForce.topN(users, items, seen, u, 30, true).itemIds();
            int[] candidates = u % 3 == 2 ? random.ints(400, 0, items.size()).map(items::id).toArray() : null;
            filters[u] = u % 3 == 0 ? ItemFilter.NONE : ItemFilter.of(best, candidates);
        }
        for (boolean excludeSeen : new boolean[] {true, false}) {
            for (int threads : new int[] {1, 2}) {
                TopN[] got = scorer.topN(rows, filters, n, excludeSeen, threads);
                for (int u = 0; u < rows.length; u++) {
                    ItemFilter filter = filters[u];
                    BruteForce.Ranked want = BruteForce.topN(users, items, seen, u, n, excludeSeen, filter::allows);
                    String where = "user row " + u + " excludeSeen " + excludeSeen + " threads " + threads;
                    assertEquals(n, got[u].size(), where);
                    assertArrayEquals(want.itemIds(), got[u].itemIds(), where);
                    for (int k = 0; k < n; k++) {
                        assertEquals(want.scores()[k], got[u].scores()[k], 1e-5, where);
                    }
                    assertEquals(0, Arrays.stream(got[u].itemIds()).filter(id -> !filter.allows(id)).count(), where);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} kernel")
    @ValueSource(strings = {"vector", "scalar"})
    void aCandidateSetSmallerThanNGivesThoseCandidatesOnly(String kernel) {
        FactorMatrix users = Factors.gaussian(2, 8, 601);
        FactorMatrix items = Factors.gaussian(100, 8, 602);
        Scorer scorer = Factors.scorer(kernel, users, items, SeenItems.empty());
        int[] candidates = {items.id(5), items.id(90), 999_999}; // two known items and an unknown id
        TopN top = scorer.topN(new int[] {0}, new ItemFilter[] {ItemFilter.of(new int[] {items.id(90)}, candidates)},
                10, false, 1)[0];
        assertArrayEquals(new int[] {items.id(5)}, top.itemIds());
        TopN empty = scorer.topN(new int[] {1}, new ItemFilter[] {ItemFilter.of(new int[0], new int[0])}, 10, false,
                1)[0];
        assertEquals(0, empty.size());
    }
}
