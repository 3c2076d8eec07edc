package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.cli.ExitCode;
import io.freshet.store.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** For every input format, `trainer fit` on a malformed input exits 3 naming file, line and field, and publishes nothing. */
class TrainerBadInputIT {
    @TempDir
    Path dir;

    private void assertRefused(Path input, String format, String where, String field) {
        Path store = dir.resolve("store");
        CliRun r = CliRun.trainer("fit", "--store", store.toString(), "--input", input.toString(), "--format", format,
                "--master", "local[1]", "--rank", "1");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains(where), "names " + where + ": " + r.err());
        assertTrue(r.err().contains("field " + field), "names field " + field + ": " + r.err());
        assertEquals(List.of(), ModelStore.open(store.toString(), new Configuration()).versions());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "movielens|ratings.dat|1::2::4.0::100\\n2::3::5.0::101\\n3::4::high::102\\n|ratings.dat:3|rating",
        "delimited|ratings.tsv|1\\t2\\t4.0\\n2\\t3\\t5.0\\r\\n2\\tx\\t3.0\\n|ratings.tsv:3|item",
        "csv|ratings.csv|userId,movieId,rating,timestamp\\n1,2,4.0,100\\n1,3,4.5,101\\n1,4,3.5,102\\nabc,5,1.0,103\\n|ratings.csv:5|user",
    })
    void malformedTextLine(String format, String file, String content, String where, String field) throws Exception {
        Path input = Files.writeString(dir.resolve(file), content.replace("\\n", "\n").replace("\\t", "\t")
                .replace("\\r", "\r"));
        assertRefused(input, format, where, field);
    }

    @Test
    void parquetNullRating() {
        Path input = dir.resolve("ratings.parquet");
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            StructType schema = new StructType().add("userId", DataTypes.IntegerType).add("movieId", DataTypes.IntegerType)
                    .add("rating", DataTypes.FloatType);
            spark.createDataFrame(List.of(RowFactory.create(1, 2, 4.0f), RowFactory.create(2, 3, null)), schema)
                    .coalesce(1).write().parquet(input.toString());
        } finally {
            spark.stop();
        }
        assertRefused(input, "parquet", "ratings.parquet", "rating");
    }
}
