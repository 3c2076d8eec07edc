package io.freshet.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import org.junit.jupiter.api.Test;

class TopKListsTest {
    /** Users 1 and 2 held out; user 3 too, but unknown to the model. */
    private static final HeldOut HELD_OUT = new HeldOut(new int[] {1, 2, 3}, new int[] {0, 1, 2, 3},
            new int[] {10, 20, 30}, new float[] {5f, 4f, 3f});

    /** User 1 saw item 20; user 2 saw items 10 and 40. */
    private static final SeenItems SEEN = new SeenItems(new int[] {1, 2}, new int[] {0, 1, 3}, new int[] {20, 10, 40});

    @Test
    void popularityBaselineSkipsEachUsersTrainingItems() {
        int[] popular = {20, 10, 40, 30, 50};
        TopKLists lists = TopKLists.popular(popular, SEEN, HELD_OUT, 2);
        assertArrayEquals(new int[] {10, 40}, lists.lists()[0]);
        assertArrayEquals(new int[] {20, 30}, lists.lists()[1]);
        assertArrayEquals(new int[] {20, 10}, lists.lists()[2], "a user without training items gets the top items");
        assertEquals(1.0, lists.userCoverage());
    }

    @Test
    void firstUnseenReturnsFewerWhenTheRankingRunsOut() {
        assertArrayEquals(new int[] {3}, TopKLists.firstUnseen(new int[] {1, 2, 3}, new int[] {1, 2}, 5));
    }

    @Test
    void modelListsRankByDotProductExcludeSeenAndLeaveUnknownUsersEmpty() {
        // Rank 1: user 1 likes large item factors, user 2 small ones.
        FactorMatrix users = new FactorMatrix(1, new int[] {1, 2}, new float[] {1f, -1f});
        FactorMatrix items = new FactorMatrix(1, new int[] {10, 20, 30, 40}, new float[] {4f, 3f, 2f, 1f});
        TopKLists lists = TopKLists.ofModel(users, items, SEEN, HELD_OUT, 2);
        assertArrayEquals(new int[] {10, 30}, lists.lists()[0], "item 20 was seen by user 1");
        assertArrayEquals(new int[] {30, 20}, lists.lists()[1], "items 40 and 10 were seen by user 2");
        assertArrayEquals(new int[0], lists.lists()[2]);
        assertEquals(2.0 / 3, lists.userCoverage(), 1e-12);
        assertEquals(3.0 / 4, lists.catalogCoverage(items.size()), 1e-12, "items 10, 20 and 30 of 4");
    }

    @Test
    void relevantItemsAreThoseRatedAtLeastTheThresholdOrAllForImplicit() {
        HeldOut h = new HeldOut(new int[] {7}, new int[] {0, 3}, new int[] {1, 2, 3}, new float[] {3.5f, 3f, 5f});
        assertArrayEquals(new int[] {1, 3}, h.relevant(0, 3.5));
        assertArrayEquals(new int[] {1, 2, 3}, h.relevant(0, Double.NaN));
    }
}
