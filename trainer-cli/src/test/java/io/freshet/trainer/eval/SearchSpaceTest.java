package io.freshet.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.store.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
    private static final Manifest.AlsParams EXPLICIT = new Manifest.AlsParams(10, 5, 0.1, 1.0, false, false, 42);
    private static final Manifest.AlsParams IMPLICIT = new Manifest.AlsParams(10, 5, 0.1, 1.0, true, false, 42);

    @Test
    void gridIsEveryCombinationInOrderKeepingTheOtherParameters() {
        List<Manifest.AlsParams> c = new SearchSpace(List.of(5, 20), List.of(0.01, 0.1), List.of(1.0, 10.0), 0, 1)
                .candidates(IMPLICIT);
        assertEquals(8, c.size());
        assertEquals(new Manifest.AlsParams(5, 5, 0.01, 1.0, true, false, 42), c.get(0));
        assertEquals(new Manifest.AlsParams(5, 5, 0.01, 10.0, true, false, 42), c.get(1));
        assertEquals(new Manifest.AlsParams(20, 5, 0.1, 10.0, true, false, 42), c.get(7));
    }

    @Test
    void alphaIsNotSearchedForExplicitFeedback() {
        List<Manifest.AlsParams> c = new SearchSpace(List.of(5), List.of(0.1), List.of(1.0, 10.0, 40.0), 0, 1)
                .candidates(EXPLICIT);
        assertEquals(1, c.size());
        assertEquals(1.0, c.get(0).alpha());
    }

    @Test
    void randomDrawsStayWithinTheSpansAndRepeatWithTheSeed() {
        SearchSpace space = new SearchSpace(List.of(4, 16), List.of(0.001, 1.0), List.of(1.0, 40.0), 12, 7);
        List<Manifest.AlsParams> a = space.candidates(IMPLICIT);
        assertEquals(12, a.size());
        assertEquals(a, space.candidates(IMPLICIT));
        for (Manifest.AlsParams p : a) {
            assertTrue(p.rank() >= 4 && p.rank() <= 16, p.toString());
            assertTrue(p.regParam() >= 0.001 && p.regParam() <= 1.0, p.toString());
            assertTrue(p.alpha() >= 1.0 && p.alpha() <= 40.0, p.toString());
        }
        assertTrue(a.stream().map(Manifest.AlsParams::regParam).distinct().count() > 1, a.toString());
    }

    @Test
    void invalidValuesAreRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SearchSpace(List.of(0), List.of(0.1), List.of(1.0), 0, 1));
        assertTrue(e.getMessage().contains("--ranks"), e.getMessage());
    }
}
