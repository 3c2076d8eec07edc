package io.freshet.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.sum;

import io.freshet.BadInputException;
import io.freshet.artifact.IdDictionaryFile;
import io.freshet.ids.IdKind;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One side's distinct 64-bit or string ids on the executors, sorted by Spark (64-bit ids as signed numbers, strings
 * by their UTF-8 bytes unsigned: the order of {@link io.freshet.ids.IdDictionary}) and indexed by position, cached
 * as columns {@code id} and {@code index} (int). The driver holds the count and payload size only; it streams the
 * ids into a dictionary file partition by partition.
 */
final class DictionaryFrame {
    static final String ID = "id";
    static final String INDEX = "index";

    private final IdKind kind;
    private final String side;
    private final Dataset<Row> frame;
    private final int count;
    private final long payload;

    private DictionaryFrame(IdKind kind, String side, Dataset<Row> frame, int count, long payload) {
        this.kind = kind;
        this.side = side;
        this.frame = frame;
        this.count = count;
        this.payload = payload;
    }

    /** The dictionary of column {@code side} ({@code user} or {@code item}) of parsed ratings of {@code kind} ids. */
    static DictionaryFrame of(Dataset<Row> parsed, String side, IdKind kind) {
        SparkSession spark = parsed.sparkSession();
        Dataset<Row> sorted = parsed.select(col(side).as(ID)).distinct().sort(ID).cache();
        try {
            long distinct = sorted.count();
            if (distinct > Integer.MAX_VALUE) {
                throw new BadInputException("the input has " + distinct + " distinct " + side + " ids; ALS takes at most "
                        + Integer.MAX_VALUE);
            }
            // zipWithIndex numbers the rows in partition order, which a sort makes the ids' order
            JavaRDD<Row> indexed = sorted.javaRDD().zipWithIndex()
                    .map(pair -> RowFactory.create(pair._1().get(0), (int) (long) pair._2()));
            StructType schema = new StructType()
                    .add(ID, kind == IdKind.LONG ? DataTypes.LongType : DataTypes.StringType, false)
                    .add(INDEX, DataTypes.IntegerType, false);
            Dataset<Row> frame = spark.createDataFrame(indexed, schema).cache();
            int count = (int) frame.count();
            long payload = kind == IdKind.LONG ? 8L * count
                    : count == 0 ? 0 : 2L * count + frame.agg(sum(octet_length(col(ID)))).first().getLong(0);
            return new DictionaryFrame(kind, side, frame, count, payload);
        } finally {
            sorted.unpersist();
        }
    }

    /** The ids with their indices: columns {@code id} and {@code index}. */
    Dataset<Row> frame() {
        return frame;
    }

    int count() {
        return count;
    }

    /** Writes the dictionary file ({@link IdDictionaryFile}) to {@code out}, streaming the ids (closes it). */
    void write(OutputStream out) throws IOException {
        try (IdDictionaryFile.Writer writer = new IdDictionaryFile.Writer(out, kind, count, payload)) {
            Iterator<Row> ids = frame.select(ID).toLocalIterator();
            while (ids.hasNext()) {
                Row row = ids.next();
                if (kind == IdKind.LONG) {
                    writer.add(row.getLong(0));
                } else {
                    writer.add(row.getString(0));
                }
            }
        }
    }

    /** The ids as text in index order, streamed from the executors a partition at a time. */
    Iterator<String> texts() {
        Iterator<Row> ids = frame.select(ID).toLocalIterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public String next() {
                return String.valueOf(ids.next().get(0));
            }
        };
    }

    void release() {
        frame.unpersist();
    }

    @Override
    public String toString() {
        return count + " " + kind.label() + " " + side + " ids";
    }
}
