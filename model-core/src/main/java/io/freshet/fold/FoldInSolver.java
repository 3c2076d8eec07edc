package io.freshet.fold;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import io.freshet.artifact.FactorMatrix;
import java.io.Serializable;
import org.netlib.util.intW;

/**
 * Solves one user's vector from the user's ratings against a version's item factors, as the last half-step of
 * Spark's ALS does: the normal equations accumulated in double precision, with
 * <ul>
 *   <li>explicit feedback: {@code (sum y y^T + regParam * n * I) x = sum r y} over the user's n ratings;</li>
 *   <li>implicit feedback: {@code (Y^T Y + sum c y y^T + regParam * p * I) x = sum (1 + c) y} over the ratings with
 *       a preference ({@code r > 0}), where {@code c = alpha * |r|} for every rating (a rating {@code <= 0} adds
 *       confidence without preference) and {@code p} counts the preferences;</li>
 * </ul>
 * where {@code r} is the rating less the neutral rating, then solved by Cholesky factorisation of the packed
 * upper triangle (LAPACK's {@code dppsv}). Spark's ALS solves each user against the final item factors in its
 * last step, so solving a trained user's training ratings here gives back the user's trained vector, to float
 * rounding. {@code Y^T Y} is computed once per solver (per version).
 */
public final class FoldInSolver implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FactorMatrix items;
    private final FoldSettings settings;
    /** Y^T Y over all items, packed upper triangle; null for explicit feedback. */
    private final double[] gram;

    private FoldInSolver(FactorMatrix items, FoldSettings settings, double[] gram) {
        this.items = items;
        this.settings = settings;
        this.gram = gram;
    }

    public static FoldInSolver of(FactorMatrix items, FoldSettings settings) {
        double[] gram = null;
        if (settings.implicitPrefs()) {
            int k = items.rank();
            gram = new double[k * (k + 1) / 2];
            double[] y = new double[k];
            float[] values = items.values();
            for (int r = 0; r < items.size(); r++) {
                for (int f = 0; f < k; f++) {
                    y[f] = values[r * k + f];
                }
                BLAS.getInstance().dspr("U", k, 1.0, y, 1, gram);
            }
        }
        return new FoldInSolver(items, settings, gram);
    }

    public FoldSettings settings() {
        return settings;
    }

    public int rank() {
        return items.rank();
    }

    /**
     * The vector of a user with {@code count} ratings: item rows (into this solver's items) and raw ratings.
     * Returns zeros when nothing constrains the vector (no rating, or implicit feedback without a preference), as
     * ALS would.
     */
    public float[] solve(int[] itemRows, float[] ratings, int count) {
        int k = items.rank();
        double[] ata = gram == null ? new double[k * (k + 1) / 2] : gram.clone();
        double[] atb = new double[k];
        double[] y = new double[k];
        float[] values = items.values();
        BLAS blas = BLAS.getInstance();
        int counted = 0;
        for (int i = 0; i < count; i++) {
            int row = itemRows[i];
            for (int f = 0; f < k; f++) {
                y[f] = values[row * k + f];
            }
            float r = settings.shifted(ratings[i]);
            if (settings.implicitPrefs()) {
                double c1 = settings.alpha() * Math.abs(r);
                if (r > 0.0) {
                    counted++;
                    blas.daxpy(k, 1.0 + c1, y, 1, atb, 1);
                }
                blas.dspr("U", k, c1, y, 1, ata);
            } else {
                counted++;
                blas.dspr("U", k, 1.0, y, 1, ata);
                blas.daxpy(k, r, y, 1, atb, 1);
            }
        }
        float[] x = new float[k];
        if (counted == 0) {
            return x;
        }
        double lambda = settings.regParam() * counted;
        for (int i = 0; i < k; i++) {
            ata[diagonal(i)] += lambda;
        }
        intW info = new intW(0);
        LAPACK.getInstance().dppsv("U", k, 1, ata, atb, k, info);
        if (info.val != 0) {
            throw new ArithmeticException("fold-in: the normal equations are not positive definite (dppsv info "
                    + info.val + ")");
        }
        for (int f = 0; f < k; f++) {
            x[f] = (float) atb[f];
        }
        return x;
    }

    /** Index of the diagonal element (i, i) in a packed upper triangle, column-major. */
    private static int diagonal(int i) {
        return i * (i + 1) / 2 + i;
    }
}
