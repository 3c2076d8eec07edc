package io.freshet.trainer;

import io.freshet.PrimitiveList;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.ModelArtifact;
import io.freshet.data.RatingIndex;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns a fitted ALSModel and the index of its training ratings into the compact artifact the predictor
 * serves: factors sorted by id, items by popularity, and each user's seen items. Factors are collected to the
 * driver (they are what the predictor loads anyway), each partition packed into two primitive arrays.
 */
final class ArtifactExporter {
    private ArtifactExporter() {
    }

    static ModelArtifact export(ALSModel model, RatingIndex trained) {
        return withIndex(factors(model.userFactors(), model.rank()), factors(model.itemFactors(), model.rank()),
                trained);
    }

    /**
     * {@code artifact}'s factors with the seen items and popularity of {@code index}: what a version serves
     * is fitted on the training part but excludes, and falls back on, every rating of the input, so that a
     * held-out rating is never recommended back to its user (docs/store-format.md, "seen.bin").
     */
    static ModelArtifact forServing(ModelArtifact artifact, RatingIndex index) {
        return withIndex(artifact.users(), artifact.items(), index);
    }

    private static ModelArtifact withIndex(FactorMatrix users, FactorMatrix items, RatingIndex trained) {
        int[] popular = trained.popularItems();
        int[] counts = trained.popularCounts();
        int kept = 0;
        for (int i = 0; i < popular.length; i++) {
            if (items.rowOf(popular[i]) >= 0) {
                popular[kept] = popular[i];
                counts[kept++] = counts[i];
            }
        }
        return new ModelArtifact(users, items, Arrays.copyOf(popular, kept), Arrays.copyOf(counts, kept),
                trained.seen());
    }

    /** The {@code id int, features array<float>} rows of an ALSModel side as a matrix sorted by id. */
    private static FactorMatrix factors(Dataset<Row> factors, int rank) {
        List<Packed> parts = factors.javaRDD().mapPartitions(new Pack(rank)).collect();
        int n = 0;
        for (Packed p : parts) {
            n += p.ids.length;
        }
        // (id, row) packed so that sorting the longs sorts the rows by signed id
        long[] order = new long[n];
        int[] ids = new int[n];
        float[] values = new float[Math.multiplyExact(n, rank)];
        int row = 0;
        for (Packed p : parts) {
            for (int i = 0; i < p.ids.length; i++, row++) {
                order[row] = ((long) p.ids[i] << 32) | row;
            }
        }
        Arrays.sort(order);
        float[] unsorted = new float[values.length];
        row = 0;
        for (Packed p : parts) {
            System.arraycopy(p.values, 0, unsorted, row * rank, p.values.length);
            row += p.ids.length;
        }
        for (int r = 0; r < n; r++) {
            ids[r] = (int) (order[r] >> 32);
            System.arraycopy(unsorted, (int) order[r] * rank, values, r * rank, rank);
        }
        return new FactorMatrix(rank, ids, values);
    }

    /** One partition's factors as primitive arrays. */
    private record Packed(int[] ids, float[] values) implements Serializable {
    }

    /** Packs one partition's factor rows (executor side). */
    private static final class Pack implements FlatMapFunction<Iterator<Row>, Packed> {
        private static final long serialVersionUID = 1L;
        private final int rank;

        Pack(int rank) {
            this.rank = rank;
        }

        @Override
        public Iterator<Packed> call(Iterator<Row> rows) {
            PrimitiveList.Ints ids = new PrimitiveList.Ints(256);
            PrimitiveList.Floats values = new PrimitiveList.Floats(256 * rank);
            while (rows.hasNext()) {
                Row row = rows.next();
                int id = row.getInt(0);
                List<Object> f = row.getList(1);
                if (f.size() != rank) {
                    throw new IllegalStateException("factor row of id " + id + " has " + f.size()
                            + " values, expected rank " + rank);
                }
                ids.add(id);
                for (int k = 0; k < rank; k++) {
                    values.add(((Number) f.get(k)).floatValue());
                }
            }
            return List.of(new Packed(ids.toArray(), values.toArray())).iterator();
        }
    }
}
