package io.freshet.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricNamesTest {
    @Test
    void onlyRmseAndMaeAreLowerIsBetter() {
        assertTrue(MetricNames.lowerIsBetter("rmse") && MetricNames.lowerIsBetter("mae"));
        assertFalse(MetricNames.lowerIsBetter("ndcg@10") || MetricNames.lowerIsBetter("user_coverage"));
    }

    @Test
    void rankingMetricsAreTheFourTopKOnesOfModelAndBaseline() {
        assertTrue(MetricNames.isRanking("ndcg@5") && MetricNames.isRanking("baseline.map@10"));
        assertFalse(MetricNames.isRanking("catalog_coverage") || MetricNames.isRanking("rmse"));
    }

    @Test
    void gateMetricMustBeOneThatIsComputedForTheFit() {
        MetricNames.requireKnown("ndcg@5", 5, false);
        MetricNames.requireKnown("rmse", 10, false);
        IllegalArgumentException wrongK = assertThrows(IllegalArgumentException.class,
                () -> MetricNames.requireKnown("ndcg@10", 5, false));
        assertTrue(wrongK.getMessage().contains("ndcg@5"), wrongK.getMessage());
        IllegalArgumentException implicit = assertThrows(IllegalArgumentException.class,
                () -> MetricNames.requireKnown("rmse", 10, true));
        assertTrue(implicit.getMessage().contains("--implicit-prefs"), implicit.getMessage());
    }
}
