package io.freshet.fold;

import io.freshet.artifact.FactorMatrix;
import java.util.Map;

/**
 * The reference fold-in, written from ALS's definition and not from {@link FoldInSolver}: the dense normal
 * equations of one user in double precision, solved by Gaussian elimination with partial pivoting.
 * <ul>
 *   <li>explicit: {@code (sum y y^T + regParam * n I) x = sum r y} over the n ratings;</li>
 *   <li>implicit: {@code (Y^T Y + sum c y y^T + regParam * p I) x = sum_{r > 0} (1 + c) y}, {@code c = alpha |r|},
 *       p the count of ratings with r > 0;</li>
 * </ul>
 * {@code r} being the rating less the neutral rating. Zeros when nothing constrains the vector.
 */
public final class NormalEquations {
    private NormalEquations() {
    }

    /** One rating: an item id of {@code items} and its raw value. */
    public record Rating(int item, double value) {
    }

    public static Rating rating(int item, double value) {
        return new Rating(item, value);
    }

    /** The vector of a user with these ratings (repeats allowed: each counts) against {@code items}. */
    public static double[] solve(FactorMatrix items, FoldSettings settings, Rating... ratings) {
        int k = items.rank();
        double[][] a = new double[k][k];
        double[] b = new double[k];
        if (settings.implicitPrefs()) {
            for (int row = 0; row < items.size(); row++) {
                addOuter(a, items.row(row), 1.0);
            }
        }
        int counted = 0;
        for (Rating rating : ratings) {
            float[] y = items.row(items.rowOf(rating.item()));
            double r = rating.value() - settings.neutralRating();
            if (settings.implicitPrefs()) {
                double c = settings.alpha() * Math.abs(r);
                addOuter(a, y, c);
                if (r > 0) {
                    counted++;
                    addScaled(b, y, 1.0 + c);
                }
            } else {
                counted++;
                addOuter(a, y, 1.0);
                addScaled(b, y, r);
            }
        }
        if (counted == 0) {
            return new double[k];
        }
        for (int i = 0; i < k; i++) {
            a[i][i] += settings.regParam() * counted;
        }
        return gauss(a, b);
    }

    /** As {@link #solve}, from a map of item id to rating (one rating per item). */
    public static double[] solve(FactorMatrix items, FoldSettings settings, Map<Integer, Double> ratings) {
        return solve(items, settings, ratings.entrySet().stream().map(e -> rating(e.getKey(), e.getValue()))
                .toArray(Rating[]::new));
    }

    private static void addOuter(double[][] a, float[] y, double weight) {
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                a[i][j] += weight * y[i] * y[j];
            }
        }
    }

    private static void addScaled(double[] b, float[] y, double weight) {
        for (int i = 0; i < y.length; i++) {
            b[i] += weight * y[i];
        }
    }

    private static double[] gauss(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] rowSwap = a[col];
            a[col] = a[pivot];
            a[pivot] = rowSwap;
            double bSwap = b[col];
            b[col] = b[pivot];
            b[pivot] = bSwap;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = b[r];
            for (int c = r + 1; c < n; c++) {
                sum -= a[r][c] * x[c];
            }
            x[r] = sum / a[r][r];
        }
        return x;
    }

    /** Asserts {@code actual} is {@code expected} within a relative 1e-5 of the vector's largest component. */
    public static void assertClose(double[] expected, float[] actual, String what) {
        org.junit.jupiter.api.Assertions.assertNotNull(actual, what + ": no vector");
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, what + ": rank");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double tolerance = 1e-5 * Math.max(scale, 1e-3);
        for (int i = 0; i < expected.length; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(expected[i], actual[i], tolerance,
                    what + ": component " + i + " of " + java.util.Arrays.toString(actual) + ", expected "
                            + java.util.Arrays.toString(expected));
        }
    }
}
