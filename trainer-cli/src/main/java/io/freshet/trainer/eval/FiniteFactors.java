package io.freshet.trainer.eval;

import io.freshet.artifact.FactorMatrix;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Finds NaN or Inf in a model's factors: such a model scores nothing sensible and is never served. The user side
 * is searched on the executors, the item side (which the driver holds) in place.
 */
public final class FiniteFactors {
    private FiniteFactors() {
    }

    /**
     * A description of the first non-finite factor (users first: the lowest such user id), or empty when all are
     * finite.
     *
     * @param userFactors ALS's user factor frame ({@code id}, {@code features})
     * @param items       the item factors
     */
    public static Optional<String> firstNonFinite(Dataset<Row> userFactors, FactorMatrix items) {
        JavaRDD<Tuple2<Integer, String>> bad = userFactors.javaRDD().flatMap(row -> {
            List<Object> f = row.getList(1);
            for (int k = 0; k < f.size(); k++) {
                float v = ((Number) f.get(k)).floatValue();
                if (!Float.isFinite(v)) {
                    return List.of(new Tuple2<>(row.getInt(0), v + " at position " + k)).iterator();
                }
            }
            return List.<Tuple2<Integer, String>>of().iterator();
        });
        List<Tuple2<Integer, String>> first = bad.takeOrdered(1, new ById());
        if (!first.isEmpty()) {
            long rows = bad.count();
            return Optional.of("the factors hold NaN or Inf (user " + first.get(0)._1() + " has " + first.get(0)._2()
                    + "; " + rows + " user rows hold non-finite values)");
        }
        return firstNonFinite(items, "item");
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

    /** Orders findings by user id. */
    private static final class ById implements java.util.Comparator<Tuple2<Integer, String>>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<Integer, String> a, Tuple2<Integer, String> b) {
            return Integer.compare(a._1(), b._1());
        }
    }
}
