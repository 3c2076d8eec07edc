package io.freshet.fold;

import static io.freshet.fold.NormalEquations.assertClose;
import static io.freshet.fold.NormalEquations.rating;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.freshet.artifact.FactorMatrix;
import io.freshet.fold.NormalEquations.Rating;
import io.freshet.testing.QuietNetlib;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FoldInSolver against the dense reference ({@link NormalEquations}). Each vector must match within 1e-5 of its
 * largest component; the mutations named beside each assertion were applied to FoldInSolver by hand and each made
 * that assertion fail (then reverted).
 */
class FoldInSolverTest {
    private static final FactorMatrix ITEMS = TestItems.gaussian(12, 5, 10, 42);
    /** Explicit ALS: no neutral rating, regularisation 0.1 per rating. */
    private static final FoldSettings EXPLICIT = new FoldSettings(false, 1.0, 0.1, 0.0);
    /** Implicit ALS on the rating less 3: alpha 2, regularisation 0.1 per preference. */
    private static final FoldSettings IMPLICIT = new FoldSettings(true, 2.0, 0.1, 3.0);

    @BeforeAll
    static void quiet() {
        QuietNetlib.install();
    }

    private static float[] solve(FoldSettings settings, Rating... ratings) {
        int[] rows = new int[ratings.length + 2];
        float[] values = new float[ratings.length + 2];
        for (int i = 0; i < ratings.length; i++) {
            rows[i] = ITEMS.rowOf(ratings[i].item());
            values[i] = (float) ratings[i].value();
        }
        rows[ratings.length] = 0; // past count: must be ignored
        values[ratings.length] = 5f;
        rows[ratings.length + 1] = 1;
        values[ratings.length + 1] = -5f;
        return FoldInSolver.of(ITEMS, settings).solve(rows, values, ratings.length);
    }

    @Test
    void explicitFeedbackSolvesTheRatingsWithRegularisationPerRating() {
        Rating[] ratings = {rating(10, 4), rating(12, 2.5), rating(15, 5), rating(17, 1), rating(18, 3)};
        // Catches: lambda = regParam alone (not x 5 ratings); the rating left out of the right-hand side (b += y);
        // the entries past `count` read.
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, ratings), solve(EXPLICIT, ratings), "explicit");
    }

    @Test
    void explicitFeedbackWithANeutralRatingFitsTheShiftedRatings() {
        FoldSettings shifted = new FoldSettings(false, 1.0, 0.05, 2.5);
        Rating[] ratings = {rating(11, 4), rating(13, 1), rating(20, 2.5), rating(21, 5)};
        // Catches: the neutral rating not subtracted (FoldSettings.shifted returning the raw rating).
        assertClose(NormalEquations.solve(ITEMS, shifted, ratings), solve(shifted, ratings), "explicit, neutral 2.5");
    }

    @Test
    void implicitFeedbackWeighsConfidenceAndRegularisesPerPreference() {
        // r = rating - 3: 2 and 1 and 1.5 are preferences; 0 adds nothing; -2 and -1 add confidence alpha |r| alone.
        Rating[] ratings = {rating(10, 5), rating(11, 4), rating(13, 3), rating(14, 1), rating(16, 4.5), rating(19, 2)};
        // Catches: lambda x 6 ratings instead of x 3 preferences; Y^T Y left out; c = alpha * r (no |r|, so a
        // rating below the neutral subtracts confidence); ratings below the neutral skipped entirely; the
        // right-hand side weighted c instead of 1 + c; the neutral rating not subtracted.
        assertClose(NormalEquations.solve(ITEMS, IMPLICIT, ratings), solve(IMPLICIT, ratings), "implicit");
    }

    @Test
    void implicitFeedbackWithoutANeutralRatingTakesRatingsAsConfidences() {
        FoldSettings confidences = new FoldSettings(true, 0.5, 0.2, 0.0);
        Rating[] ratings = {rating(12, 1), rating(15, 3), rating(17, 7), rating(21, 2)};
        // Catches: alpha ignored (c = |r|); Y^T Y left out; the right-hand side weighted c instead of 1 + c.
        assertClose(NormalEquations.solve(ITEMS, confidences, ratings), solve(confidences, ratings),
                "implicit, neutral 0");
    }

    @Test
    void aRepeatedItemCountsEachTime() {
        Rating[] explicit = {rating(10, 4), rating(10, 2), rating(14, 5)};
        // Spark's ALS adds each rating of a repeated item, in the sums and in lambda's count: so must the fold-in.
        // Catches the explicit and implicit mutations above as well (lambda unscaled or over all ratings, ...).
        assertClose(NormalEquations.solve(ITEMS, EXPLICIT, explicit), solve(EXPLICIT, explicit), "explicit repeat");
        Rating[] implicit = {rating(10, 5), rating(10, 4), rating(14, 1)};
        assertClose(NormalEquations.solve(ITEMS, IMPLICIT, implicit), solve(IMPLICIT, implicit), "implicit repeat");
    }

    @Test
    void aUserWithoutPreferenceGetsZeros() {
        float[] zeros = new float[ITEMS.rank()];
        // Implicit: only ratings at or below the neutral, confidence but no preference: ALS's solve gives zeros.
        // Catches: the neutral rating not subtracted (all three ratings would then be preferences).
        assertArrayEquals(zeros, solve(IMPLICIT, rating(10, 3), rating(11, 1), rating(12, 2)));
        assertArrayEquals(zeros, solve(IMPLICIT));
        assertArrayEquals(zeros, solve(EXPLICIT));
    }

    @Test
    void theSolverIsReusableAndLeavesItsGramMatrixUntouched() {
        FoldInSolver solver = FoldInSolver.of(ITEMS, IMPLICIT);
        int[] rows = {ITEMS.rowOf(10), ITEMS.rowOf(14)};
        float[] values = {5f, 1f};
        float[] first = solver.solve(rows, values, 2);
        solver.solve(new int[] {ITEMS.rowOf(11)}, new float[] {4.5f}, 1);
        // Catches: the per-user rank-one updates accumulated into the shared Y^T Y (no clone).
        assertArrayEquals(first, solver.solve(rows, values, 2));
        assertClose(NormalEquations.solve(ITEMS, IMPLICIT, rating(10, 5), rating(14, 1)), first, "reused solver");
    }
}
