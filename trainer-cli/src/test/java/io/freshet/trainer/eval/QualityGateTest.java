package io.freshet.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.store.Manifest;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class QualityGateTest {
    private static final GateSettings NDCG = new GateSettings("ndcg@10", 0.02, 0.5, 0.0, false);

    private static Map<String, Double> candidate(double ndcg, double userCoverage) {
        return Map.of("ndcg@10", ndcg, "user_coverage", userCoverage, "rmse", 0.9);
    }

    private static Optional<QualityGate.Current> current(double value) {
        return Optional.of(new QualityGate.Current("20260101T000000Z-aaaaaa", OptionalDouble.of(value)));
    }

    @Test
    void withoutCurrentVersionOnlyTheAbsoluteChecksApply() {
        QualityGate.Verdict v = QualityGate.decide(NDCG, candidate(0.01, 0.9), Optional.empty(), Optional.empty());
        assertEquals(Manifest.ACCEPTED, v.status());
        assertTrue(v.decision().passed());
        assertNull(v.decision().currentId());
        assertEquals(0.01, v.decision().candidate());
    }

    @Test
    void worseThanCurrentBeyondTheToleranceIsRejected() {
        QualityGate.Verdict v = QualityGate.decide(NDCG, candidate(0.097, 0.9), Optional.empty(), current(0.1));
        assertEquals(Manifest.REJECTED, v.status());
        assertFalse(v.promotable());
        assertEquals(0.1, v.decision().current());
        assertEquals("20260101T000000Z-aaaaaa", v.decision().currentId());
        assertEquals(1, v.decision().reasons().size(), v.decision().reasons().toString());
        assertTrue(v.decision().reasons().get(0).contains("3.0% worse"), v.decision().reasons().toString());
    }

    @Test
    void worseThanCurrentWithinTheToleranceIsAccepted() {
        QualityGate.Verdict v = QualityGate.decide(NDCG, candidate(0.0985, 0.9), Optional.empty(), current(0.1));
        assertEquals(Manifest.ACCEPTED, v.status());
        assertEquals(0.0985, v.decision().candidate());
    }

    @Test
    void forRmseLowerIsBetterSoAHigherErrorIsRejected() {
        GateSettings rmse = new GateSettings("rmse", 0.02, 0.5, 0.0, false);
        assertEquals(Manifest.REJECTED,
                QualityGate.decide(rmse, candidate(0.2, 0.9), Optional.empty(), current(0.85)).status());
        assertEquals(Manifest.ACCEPTED,
                QualityGate.decide(rmse, candidate(0.2, 0.9), Optional.empty(), current(0.89)).status());
    }

    @Test
    void userCoverageBelowTheMinimumIsRejectedEvenWithoutCurrent() {
        QualityGate.Verdict v = QualityGate.decide(NDCG, candidate(0.2, 0.49), Optional.empty(), Optional.empty());
        assertEquals(Manifest.REJECTED, v.status());
        assertTrue(v.decision().reasons().get(0).contains("user coverage"), v.decision().reasons().toString());
    }

    @Test
    void nonFiniteFactorsAreRejectedAndForceDoesNotOverrideThem() {
        GateSettings forced = new GateSettings("ndcg@10", 0.02, 0.5, 0.0, true);
        QualityGate.Verdict v = QualityGate.decide(forced, Map.of(), Optional.of("the factors hold NaN"),
                current(0.1));
        assertEquals(Manifest.REJECTED, v.status());
        assertEquals("the factors hold NaN", v.decision().reasons().get(0));
        assertNull(v.decision().candidate());
    }

    @Test
    void forceTurnsARefusalIntoForced() {
        GateSettings forced = new GateSettings("ndcg@10", 0.02, 0.5, 0.0, true);
        QualityGate.Verdict v = QualityGate.decide(forced, candidate(0.05, 0.9), Optional.empty(), current(0.1));
        assertEquals(Manifest.FORCED, v.status());
        assertTrue(v.promotable());
        assertFalse(v.decision().passed(), "the decision still records the refusal");
    }

    @Test
    void currentWhoseValueCannotBeComputedLeavesTheCandidateToTheAbsoluteChecks() {
        Optional<QualityGate.Current> unscored = Optional.of(new QualityGate.Current("x", OptionalDouble.empty()));
        QualityGate.Verdict v = QualityGate.decide(NDCG, candidate(0.01, 0.9), Optional.empty(), unscored);
        assertEquals(Manifest.ACCEPTED, v.status());
        assertNull(v.decision().current());
        assertEquals("x", v.decision().currentId());
    }

    @Test
    void aCandidateWithoutTheGateMetricIsRejected() {
        QualityGate.Verdict v = QualityGate.decide(NDCG, Map.of("user_coverage", 1.0), Optional.empty(),
                Optional.empty());
        assertEquals(Manifest.REJECTED, v.status());
        assertTrue(v.decision().reasons().get(0).contains("could not be computed"), v.decision().reasons().toString());
    }

    @Test
    void refusedForAddsAReasonAndRejectsEvenAForcedVerdict() {
        GateSettings forced = new GateSettings("ndcg@10", 0.02, 0.5, 0.0, true);
        QualityGate.Verdict v = QualityGate.decide(forced, candidate(0.05, 0.9), Optional.empty(), current(0.1))
                .refusedFor("the refit on all ratings: NaN");
        assertEquals(Manifest.REJECTED, v.status());
        assertEquals(2, v.decision().reasons().size());
    }

    @Test
    void aCandidateBelowTheMostPopularListTimesTheLeastLiftIsRefusedEvenWithoutACurrentVersion() {
        GateSettings lift = new GateSettings("ndcg@10", 0.02, 0.5, 1.0, false);
        Map<String, Double> below = Map.of("ndcg@10", 0.08, "baseline.ndcg@10", 0.10, "user_coverage", 1.0);
        QualityGate.Verdict v = QualityGate.decide(lift, below, Optional.empty(), Optional.empty());
        assertEquals(Manifest.REJECTED, v.status());
        assertTrue(v.decision().reasons().get(0).contains("0.80x the most-popular list's"), v.decision().reasons().toString());
        assertEquals(0.10, v.decision().baseline());
        assertEquals(1.0, v.decision().minLift());
        assertEquals(0.8, v.decision().lift().getAsDouble(), 1e-9);
        GateSettings forced = new GateSettings("ndcg@10", 0.02, 0.5, 1.0, true);
        assertEquals(Manifest.FORCED, QualityGate.decide(forced, below, Optional.empty(), Optional.empty()).status());
    }

    @Test
    void aCandidateAboveTheLeastLiftPassesAndLiftZeroTurnsTheCheckOff() {
        Map<String, Double> above = Map.of("ndcg@10", 0.15, "baseline.ndcg@10", 0.10, "user_coverage", 1.0);
        assertEquals(Manifest.ACCEPTED, QualityGate.decide(new GateSettings("ndcg@10", 0.02, 0.5, 1.4, false), above,
                Optional.empty(), Optional.empty()).status());
        assertEquals(Manifest.REJECTED, QualityGate.decide(new GateSettings("ndcg@10", 0.02, 0.5, 1.6, false), above,
                Optional.empty(), Optional.empty()).status());
        Map<String, Double> below = Map.of("ndcg@10", 0.01, "baseline.ndcg@10", 0.10, "user_coverage", 1.0);
        assertEquals(Manifest.ACCEPTED, QualityGate.decide(NDCG, below, Optional.empty(), Optional.empty()).status(),
                "--min-lift 0");
    }

    @Test
    void aMetricWithoutABaselineHasNoLiftCheck() {
        GateSettings coverage = new GateSettings("catalog_coverage", 0.02, 0.5, 1.0, false);
        Map<String, Double> m = Map.of("catalog_coverage", 0.2, "user_coverage", 1.0, "ndcg@10", 0.01,
                "baseline.ndcg@10", 0.1);
        QualityGate.Verdict v = QualityGate.decide(coverage, m, Optional.empty(), Optional.empty());
        assertEquals(Manifest.ACCEPTED, v.status());
        assertNull(v.decision().baseline());
        assertNull(v.decision().minLift());
    }
}
