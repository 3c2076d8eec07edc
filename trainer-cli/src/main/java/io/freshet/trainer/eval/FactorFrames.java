package io.freshet.trainer.eval;

import io.freshet.PrimitiveList;
import io.freshet.artifact.FactorMatrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * ALS's factor frames ({@code id} int, {@code features} array of floats) and factor matrices on the driver. Only
 * the item side is ever collected: it grows with the catalogue, not with the users or the ratings.
 */
public final class FactorFrames {
    private FactorFrames() {
    }

    /** The rows of a factor frame as a matrix sorted by id, each partition packed into two primitive arrays. */
    public static FactorMatrix collect(Dataset<Row> factors, int rank) {
        List<Packed> parts = factors.javaRDD().mapPartitions(new Pack(rank)).collect();
        int n = 0;
        for (Packed p : parts) {
            n += p.ids.length;
        }
        // (id, row) packed so that sorting the longs sorts the rows by signed id
        long[] order = new long[n];
        float[] unsorted = new float[Math.multiplyExact(n, rank)];
        int row = 0;
        for (Packed p : parts) {
            System.arraycopy(p.values, 0, unsorted, row * rank, p.values.length);
            for (int i = 0; i < p.ids.length; i++, row++) {
                order[row] = ((long) p.ids[i] << 32) | row;
            }
        }
        Arrays.sort(order);
        int[] ids = new int[n];
        float[] values = new float[unsorted.length];
        for (int r = 0; r < n; r++) {
            ids[r] = (int) (order[r] >> 32);
            System.arraycopy(unsorted, (int) order[r] * rank, values, r * rank, rank);
        }
        return new FactorMatrix(rank, ids, values);
    }

    /** A factor matrix as ALS's factor frame (for a small matrix: its rows pass through the driver). */
    public static Dataset<Row> frame(SparkSession spark, FactorMatrix factors) {
        List<Row> rows = new ArrayList<>(factors.size());
        for (int r = 0; r < factors.size(); r++) {
            float[] f = factors.row(r);
            Float[] boxed = new Float[f.length];
            for (int k = 0; k < f.length; k++) {
                boxed[k] = f[k];
            }
            rows.add(RowFactory.create(factors.id(r), boxed));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** ALS's factor frame schema. */
    static final StructType SCHEMA = new StructType().add("id", DataTypes.IntegerType, false)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false));

    /** The factors of a factor frame row ({@code features} at {@code featuresAt}), checked against {@code rank}. */
    public static float[] features(Row row, int featuresAt, int rank) {
        List<Object> f = row.getList(featuresAt);
        if (f.size() != rank) {
            throw new IllegalStateException("factor row of id " + row.get(0) + " has " + f.size()
                    + " values, expected rank " + rank);
        }
        float[] out = new float[rank];
        for (int k = 0; k < rank; k++) {
            out[k] = ((Number) f.get(k)).floatValue();
        }
        return out;
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
                ids.add(row.getInt(0));
                for (float v : features(row, 1, rank)) {
                    values.add(v);
                }
            }
            return List.of(new Packed(ids.toArray(), values.toArray())).iterator();
        }
    }
}
