package io.freshet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.BadInputException;
import io.freshet.testing.LocalSparkExtension;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The generator and the reader on a real HDFS (MiniDFSCluster in this JVM). */
@ExtendWith(LocalSparkExtension.class)
@LocalSparkExtension.Settings("spark.hadoop.mapreduce.input.fileinputformat.split.maxsize=65536")
class RatingReaderHdfsIT {
    private static MiniDFSCluster hdfs;
    private static String root;
    private static SparkSession spark;
    private static RatingReader reader;

    @BeforeAll
    static void start(SparkSession session) throws IOException {
        File base = Files.createTempDirectory("hdfs").toFile();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
        hdfs = new MiniDFSCluster.Builder(conf, base).numDataNodes(1).build();
        hdfs.waitActive();
        root = hdfs.getURI().toString();
        spark = session;
        reader = new RatingReader(spark);
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    private static void put(String path, String text) throws IOException {
        FileSystem fs = hdfs.getFileSystem();
        try (OutputStream out = fs.create(new Path(path), false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void generatedRatingsOnHdfsAreReadBack() {
        String file = root + "/synthetic/ratings.dat";
        SyntheticRatings.write(new SyntheticRatings.Spec(1_000, 300, 30_000, 5, 3), file, hdfs.getConfiguration(0));
        RatingData data = reader.read(root + "/synthetic", RatingReadOptions.defaults());
        assertEquals(30_000, data.rows());
        assertEquals(1_000, data.users());
        assertEquals(RatingFormat.MOVIELENS, data.format());
        assertEquals(root + "/synthetic/ratings.dat", data.files().get(0));
    }

    @Test
    void aBadLineOnHdfsIsNamedByItsHdfsPathAndLine() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= 20_000; n++) {
            text.append(n).append("\t7\t").append(n == 17_001 ? "four" : "4").append('\n');
        }
        put("/bad/u.data", text.toString());
        put("/bad/_SUCCESS", "");
        BadInputException e = assertThrows(BadInputException.class, () -> reader.read(root + "/bad",
                new RatingReadOptions(RatingFormat.AUTO, "userId", "movieId", "rating", "timestamp", 0, Optional.empty())));
        assertEquals(root + "/bad/u.data:17001: field rating: 'four' is not a number: '17001\\t7\\tfour'", e.getMessage());
    }

    @Test
    void rejectsAreWrittenToHdfs() throws IOException {
        put("/tolerated/r.dat", "1::1::1\n2::2\n3::3::3\n");
        String rejects = root + "/out/rejects.txt";
        RatingData data = reader.read(root + "/tolerated",
                new RatingReadOptions(RatingFormat.MOVIELENS, "userId", "movieId", "rating", "timestamp", 1, Optional.of(rejects)));
        assertEquals(2, data.rows());
        String written = new String(hdfs.getFileSystem().open(new Path(rejects)).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(written.startsWith(root + "/tolerated/r.dat:2: field line: "), written);
    }
}
