package io.freshet.fold;

import static io.freshet.fold.NormalEquations.assertClose;
import static io.freshet.fold.NormalEquations.rating;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.TrainedRatings;
import io.freshet.testing.QuietNetlib;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which ratings a fold-in solves from: training and stream ratings merged, replaced, dropped on a new version. */
class FoldingTest {
    private static final FactorMatrix ITEMS = TestItems.gaussian(12, 4, 10, 7); // items 10..21
    private static final FoldSettings EXPLICIT = new FoldSettings(false, 1.0, 0.1, 0.0);
    private static final int UNKNOWN_ITEM = 999;

    /** User 1 rated 10 (4), 11 (3), 12 (5); user 2 rated 13 (2), 14 (4), 14 again (5); user 7 an unknown item. */
    private static TrainedRatings trained() {
        return new TrainedRatings(new int[] {1, 2, 7}, new int[] {0, 3, 6, 8}, new int[] {10, 11, 12, 13, 14, 14, 15,
                UNKNOWN_ITEM}, new float[] {4f, 3f, 5f, 2f, 4f, 5f, 1f, 2f});
    }

    private static Folding folding(String version, TrainedRatings trained) {
        return new Folding(version, ITEMS, FoldInSolver.of(ITEMS, EXPLICIT), trained);
    }

    private static final Folding V1 = folding("v1", trained());

    @BeforeAll
    static void quiet() {
        QuietNetlib.install();
    }

    private static Map<Integer, Double> ratings(Object... itemThenRating) {
        Map<Integer, Double> map = new TreeMap<>();
        for (int i = 0; i < itemThenRating.length; i += 2) {
            map.put((Integer) itemThenRating[i], ((Number) itemThenRating[i + 1]).doubleValue());
        }
        return map;
    }

    @Test
    void aKnownUsersTrainingRatingsAloneGiveTheTrainedSolve() {
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, rating(10, 4), rating(11, 3), rating(12, 5)),
                V1.solveTrained(1), "user 1");
        // a repeated training rating counts twice, as in the fit
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, rating(13, 2), rating(14, 4), rating(14, 5)),
                V1.solveTrained(2), "user 2");
        assertNull(V1.solveTrained(3), "a user the version was not fitted on");
    }

    @Test
    void aReRatingReplacesTheEarlierStreamRating() {
        FoldedUser first = V1.fold(50, null, new int[] {15, 16}, new float[] {5f, 1f}, 100L);
        FoldedUser second = V1.fold(50, first, new int[] {16}, new float[] {4f}, 200L);
        assertArrayEquals(new int[] {15, 16}, second.items());
        assertArrayEquals(new float[] {5f, 4f}, second.ratings());
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings(15, 5, 16, 4)), second.vector(), "re-rated");
        // twice in one batch: the later one is kept
        FoldedUser same = V1.fold(51, null, new int[] {17, 17}, new float[] {1f, 3f}, 100L);
        assertArrayEquals(new int[] {17}, same.items());
        assertArrayEquals(new float[] {3f}, same.ratings());
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings(17, 3)), same.vector(), "rated twice at once");
    }

    @Test
    void aStreamRatingOfATrainedItemReplacesTheTrainingRating() {
        FoldedUser user = V1.fold(1, null, new int[] {11, 20}, new float[] {1f, 2.5f}, 100L);
        assertArrayEquals(new int[] {11, 20}, user.items(), "the stream's ratings are what the state keeps");
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings(10, 4, 11, 1, 12, 5, 20, 2.5)), user.vector(),
                "11 rated 1, not 3 and 1");
        // both entries of a repeated training rating are replaced by the one stream rating
        FoldedUser two = V1.fold(2, null, new int[] {14}, new float[] {1f}, 100L);
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings(13, 2, 14, 1)), two.vector(), "14 rated 1");
    }

    @Test
    void aNewUsersVectorComesFromTheStreamAlone() {
        FoldedUser user = V1.fold(60, null, new int[] {12, 19}, new float[] {5f, 2f}, 100L);
        assertEquals("v1", user.version());
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings(12, 5, 19, 2)), user.vector(), "new user");
    }

    @Test
    void ratingsOfItemsTheVersionDoesNotKnowAreKeptButNotSolved() {
        FoldedUser user = V1.fold(1, null, new int[] {UNKNOWN_ITEM, 12}, new float[] {5f, 1f}, 100L);
        assertArrayEquals(new int[] {UNKNOWN_ITEM, 12}, user.items());
        assertTrue(user.rated(UNKNOWN_ITEM));
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings(10, 4, 11, 3, 12, 1)), user.vector(),
                "the unknown item left out of the solve");
        FoldedUser newUser = V1.fold(61, null, new int[] {UNKNOWN_ITEM}, new float[] {5f}, 100L);
        assertArrayEquals(new int[] {UNKNOWN_ITEM}, newUser.items());
        assertNull(newUser.vector(), "nothing the version knows to solve from");
        // a training rating of an item the factors do not hold is left out too
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings(15, 1)), V1.solveTrained(7), "user 7");
    }

    @Test
    void onANewVersionTheRatingsItWasFittedOnAreDroppedAndTheRestReSolved() {
        FoldedUser before = V1.fold(1, null, new int[] {16, 17, 18}, new float[] {5f, 1f, 4f}, 100L);
        // v2 was fitted on user 1's ratings of 10, 11, 12 and (from the stream) 16 and 17
        TrainedRatings v2Trained = new TrainedRatings(new int[] {1}, new int[] {0, 5}, new int[] {10, 11, 12, 16, 17},
                new float[] {4f, 3f, 5f, 5f, 1f});
        Folding v2 = folding("v2", v2Trained);
        FoldedUser after = v2.fold(1, before, new int[0], new float[0], 300L);
        assertEquals("v2", after.version());
        assertArrayEquals(new int[] {18}, after.items(), "16 and 17 dropped, 18 kept");
        assertArrayEquals(new float[] {4f}, after.ratings());
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings(10, 4, 11, 3, 12, 5, 16, 5, 17, 1, 18, 4)),
                after.vector(), "re-solved against v2");
        assertEquals(300L, after.lastActive());

        // the same version again drops nothing: the stream's rating of 11 still replaces the training one
        FoldedUser rated = V1.fold(1, null, new int[] {11}, new float[] {2f}, 100L);
        FoldedUser again = V1.fold(1, rated, new int[] {19}, new float[] {3f}, 200L);
        assertArrayEquals(new int[] {11, 19}, again.items());
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings(10, 4, 11, 2, 12, 5, 19, 3)), again.vector(),
                "same version");
    }

    @Test
    void onANewVersionThatDoesNotKnowTheUserEveryStreamRatingIsKept() {
        FoldedUser before = V1.fold(60, null, new int[] {12, 13}, new float[] {5f, 2f}, 100L);
        FoldedUser after = folding("v2", TrainedRatings.empty()).fold(60, before, new int[0], new float[0], 200L);
        assertArrayEquals(new int[] {12, 13}, after.items());
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings(12, 5, 13, 2)), after.vector(), "kept");
    }

    @Test
    void lastActiveIsTheLatestTime() {
        FoldedUser first = V1.fold(50, null, new int[] {15}, new float[] {5f}, 500L);
        assertEquals(500L, first.lastActive());
        assertEquals(500L, V1.fold(50, first, new int[] {16}, new float[] {1f}, 400L).lastActive());
        assertEquals(900L, first.touched(900L).lastActive());
        assertFalse(first.rated(16));
    }
}
