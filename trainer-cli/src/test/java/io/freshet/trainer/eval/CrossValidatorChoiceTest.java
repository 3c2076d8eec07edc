package io.freshet.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.freshet.BadInputException;
import io.freshet.store.Manifest;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CrossValidatorChoiceTest {
    private static final List<Manifest.AlsParams> CANDIDATES = List.of(
            new Manifest.AlsParams(2, 5, 0.1, 1.0, false, false, 1),
            new Manifest.AlsParams(4, 5, 0.1, 1.0, false, false, 1),
            new Manifest.AlsParams(8, 5, 0.1, 1.0, false, false, 1));

    private static List<OptionalDouble> folds(double... v) {
        return java.util.Arrays.stream(v).mapToObj(OptionalDouble::of).toList();
    }

    @Test
    void picksTheBestMeanLargerIsBetter() {
        CrossValidator.Result r = CrossValidator.choose(CANDIDATES,
                List.of(folds(0.1, 0.2), folds(0.3, 0.2), folds(0.2, 0.2)), "ndcg@10", 2);
        assertEquals(4, r.best().rank());
        assertEquals(0.25, r.tuning().trials().get(1).mean(), 1e-12);
        assertEquals(List.of(0.3, 0.2), r.tuning().trials().get(1).folds());
        assertEquals("ndcg@10", r.tuning().metric());
        assertEquals(2, r.tuning().folds());
    }

    @Test
    void picksTheLowestMeanForRmse() {
        CrossValidator.Result r = CrossValidator.choose(CANDIDATES,
                List.of(folds(0.9, 0.9), folds(0.8, 1.2), folds(0.85, 0.86)), "rmse", 2);
        assertEquals(8, r.best().rank());
    }

    @Test
    void aSettingNotScoredInEveryFoldHasNoMeanAndIsNotChosen() {
        List<OptionalDouble> partial = List.of(OptionalDouble.of(0.9), OptionalDouble.empty());
        CrossValidator.Result r = CrossValidator.choose(CANDIDATES,
                List.of(partial, folds(0.1, 0.1), folds(0.2, 0.1)), "ndcg@10", 2);
        assertNull(r.tuning().trials().get(0).mean());
        assertEquals(8, r.best().rank());
    }

    @Test
    void noScoredSettingIsBadInput() {
        List<OptionalDouble> none = List.of(OptionalDouble.empty(), OptionalDouble.empty());
        assertThrows(BadInputException.class,
                () -> CrossValidator.choose(CANDIDATES, List.of(none, none, none), "ndcg@10", 2));
    }
}
