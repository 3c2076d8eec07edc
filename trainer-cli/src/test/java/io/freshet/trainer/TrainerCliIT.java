package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactReader;
import io.freshet.cli.ExitCode;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer end to end on local Spark and a local store, through the same command line users run. */
class TrainerCliIT {
    @TempDir
    static Path dir;
    static Path ratings;

    @BeforeAll
    static void generate() {
        ratings = CliRun.generated(dir, "--users", "300", "--items", "120", "--ratings", "6000", "--seed", "3");
    }

    private static String fit(Path store, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("fit", "--store", store.toString(), "--input",
                ratings.toString(), "--master", "local[2]", "--rank", "4", "--iterations", "3"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.trainer(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        return r.out().strip();
    }

    private static ModelStore open(Path store) {
        return ModelStore.open(store.toString(), new Configuration());
    }

    @Test
    void fitPublishesAndMovesThePointerThenRollbackAndPruneWork() {
        Path store = dir.resolve("store-main");
        String v1 = fit(store);
        String v2 = fit(store, "--seed", "7", "--force"); // promoted whatever the quality gate says of it
        assertNotEquals(v1, v2);
        assertEquals(Optional.of(VersionId.parse(v2)), open(store).current());

        CliRun list = CliRun.trainer("list", "--store", store.toString());
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains(v1) && list.out().contains(v2 + " "), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(v2) && l.endsWith("<- current")), list.out());

        CliRun show = CliRun.trainer("show", "--store", store.toString(), "--json");
        assertTrue(show.out().contains("\"id\" : \"" + v2 + "\"") || show.out().contains("\"id\":\"" + v2 + "\""),
                show.out());

        CliRun rollback = CliRun.trainer("rollback", "--store", store.toString(), v1);
        assertEquals(0, rollback.code(), rollback.toString());
        assertEquals(Optional.of(VersionId.parse(v1)), open(store).current());

        CliRun prune = CliRun.trainer("prune", "--store", store.toString(), "--keep", "1", "--grace", "PT0S");
        assertEquals(0, prune.code(), prune.toString());
        assertEquals(List.of(VersionId.parse(v1), VersionId.parse(v2)), open(store).versions(),
                "the newest version and the current one both survive pruning");

        assertEquals(0, CliRun.trainer("rollback", "--store", store.toString(), v2).code());
        prune = CliRun.trainer("prune", "--store", store.toString(), "--keep", "1", "--grace", "PT0S");
        assertEquals(0, prune.code(), prune.toString());
        assertTrue(prune.out().contains("deleted " + v1), prune.out());
        assertEquals(List.of(VersionId.parse(v2)), open(store).versions());
    }

    @Test
    void noPromotePublishesWithoutMovingThePointer() {
        Path store = dir.resolve("store-nopromote");
        String v1 = fit(store);
        String v2 = fit(store, "--no-promote");
        assertEquals(Optional.of(VersionId.parse(v1)), open(store).pointer());
        assertEquals(2, open(store).versions().size(), v2);
    }

    @Test
    void sameDataAndSeedGiveTheSameFactors() throws IOException {
        Path a = dir.resolve("store-det-a");
        Path b = dir.resolve("store-det-b");
        VersionId va = VersionId.parse(fit(a));
        VersionId vb = VersionId.parse(fit(b));
        ArtifactReader.Factors fa = factors(open(a), va);
        ArtifactReader.Factors fb = factors(open(b), vb);
        assertArrayEquals(fa.users().values(), fb.users().values());
        assertArrayEquals(fa.items().values(), fb.items().values());
    }

    static ArtifactReader.Factors factors(ModelStore store, VersionId id) throws IOException {
        try (InputStream in = store.openFile(id, ArtifactFiles.FACTORS)) {
            return ArtifactReader.readFactors(in, store.fileLength(id, ArtifactFiles.FACTORS), "factors.bin");
        }
    }

    @Test
    void sparkLoadsTheVersionAndPredictsWhatTheFactorFileDoes() throws IOException {
        Path store = dir.resolve("store-als");
        VersionId v = VersionId.parse(fit(store));
        ModelStore s = open(store);
        ArtifactReader.Factors f = factors(s, v);
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            ALSModel model = ALSModel.load(s.versionPath(v) + "/" + ArtifactFiles.ALS);
            List<Row> pairs = new java.util.ArrayList<>();
            for (int u = 0; u < f.users().size(); u += 17) {
                for (int i = 0; i < f.items().size(); i += 13) {
                    pairs.add(RowFactory.create(f.users().id(u), f.items().id(i)));
                }
            }
            StructType schema = new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType);
            List<Row> predicted = model.transform(spark.createDataFrame(pairs, schema)).collectAsList();
            assertEquals(pairs.size(), predicted.size());
            for (Row r : predicted) {
                int u = f.users().rowOf(r.getInt(0));
                int i = f.items().rowOf(r.getInt(1));
                double dot = 0;
                for (int k = 0; k < f.users().rank(); k++) {
                    dot += f.users().values()[u * f.users().rank() + k] * f.items().values()[i * f.items().rank() + k];
                }
                assertEquals(dot, r.getFloat(2), 1e-4, "user " + r.getInt(0) + " item " + r.getInt(1));
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void malformedLineFailsWithFileLineAndFieldAndPublishesNothing() throws IOException {
        Path bad = dir.resolve("bad.dat");
        Files.writeString(bad, "1::2::4.0::100\n2::3::5.0::101\n3::x::3.5::102\n");
        Path store = dir.resolve("store-bad");
        // --ids auto: one malformed id among integer ids is a bad line, not a catalogue of string ids
        CliRun r = CliRun.trainer("fit", "--store", store.toString(), "--input", bad.toString(), "--master", "local[1]",
                "--rank", "1");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("bad.dat:3") && r.err().contains("field item"), r.err());
        assertTrue(r.err().contains("--ids string reads ids that are not integers"), r.err());
        assertEquals(List.of(), open(store).versions());
    }

    @Test
    void inputTooSmallForTheRankIsRefusedBeforeTraining() throws IOException {
        Path tiny = dir.resolve("tiny.dat");
        Files.writeString(tiny, "1::2::4.0\n2::3::5.0\n");
        Path store = dir.resolve("store-tiny");
        CliRun r = CliRun.trainer("fit", "--store", store.toString(), "--input", tiny.toString(), "--master", "local[1]",
                "--rank", "10");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("too small for rank 10"), r.err());
        assertEquals(List.of(), open(store).versions());
    }

    @Test
    void rollbackToAMissingVersionIsNotFound() {
        Path store = dir.resolve("store-missing");
        fit(store);
        CliRun r = CliRun.trainer("rollback", "--store", store.toString(), "20200101T000000Z-000000");
        assertEquals(ExitCode.NOT_FOUND, r.code(), r.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = CliRun.trainer("fit", "--no-such-option");
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
    }
}
