package io.freshet.trainer.eval;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import java.util.Optional;

/** Finds NaN or Inf in a model's factors: such a model scores nothing sensible and is never served. */
public final class FiniteFactors {
    private FiniteFactors() {
    }

    /** A description of the first non-finite factor (users first), or empty when all are finite. */
    public static Optional<String> firstNonFinite(ModelArtifact model) {
        return firstNonFinite(model.users(), "user").or(() -> firstNonFinite(model.items(), "item"));
    }

    static Optional<String> firstNonFinite(FactorMatrix m, String side) {
        float[] values = m.values();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                int row = i / m.rank();
                long bad = 0;
                for (int j = i; j < values.length; j++) {
                    bad += Float.isFinite(values[j]) ? 0 : 1;
                }
                return Optional.of("the factors hold NaN or Inf (" + side + " " + m.id(row) + " has " + values[i]
                        + " at position " + (i % m.rank()) + "; " + bad + " non-finite " + side
                        + " values from there on)");
            }
        }
        return Optional.empty();
    }
}
