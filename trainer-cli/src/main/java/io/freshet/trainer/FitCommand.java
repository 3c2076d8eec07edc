package io.freshet.trainer;

import io.freshet.cli.SparkOptions;
import io.freshet.cli.StoreOption;
import io.freshet.cli.VerboseOption;
import io.freshet.data.RatingFormat;
import io.freshet.data.RatingReadOptions;
import io.freshet.store.ModelStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trainer fit}: read ratings, fit ALS, publish a version, move the pointer; prints the version id. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit an ALS model on ratings and publish it as a new version (printed on stdout).")
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreOption store;
    @Mixin
    SparkOptions sparkOptions;
    @Mixin
    VerboseOption verbose;
    @Mixin
    AlsSettings als;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Ratings: a file or a directory of files, on any Hadoop FileSystem.")
    String input;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto, movielens, delimited, csv or parquet (default: ${DEFAULT-VALUE}).")
    RatingFormat format;

    @Option(names = "--user-col", defaultValue = "userId", description = "CSV/Parquet user column (default: ${DEFAULT-VALUE}).")
    String userCol;
    @Option(names = "--item-col", defaultValue = "movieId", description = "CSV/Parquet item column (default: ${DEFAULT-VALUE}).")
    String itemCol;
    @Option(names = "--rating-col", defaultValue = "rating", description = "CSV/Parquet rating column (default: ${DEFAULT-VALUE}).")
    String ratingCol;
    @Option(names = "--time-col", defaultValue = "timestamp",
            description = "CSV/Parquet timestamp column, optional in the data (default: ${DEFAULT-VALUE}).")
    String timeCol;

    @Option(names = "--max-bad-lines", defaultValue = "0", paramLabel = "N",
            description = "Tolerate up to N malformed lines, counted and written to --rejects (default: ${DEFAULT-VALUE}).")
    long maxBadLines;

    @Option(names = "--rejects", paramLabel = "PATH", description = "Where tolerated bad lines go, with their reasons.")
    String rejects;

    @Option(names = "--no-promote", description = "Publish the version without moving the current pointer.")
    boolean noPromote;

    @Option(names = "--temporary-grace", defaultValue = "PT1H", paramLabel = "DURATION",
            description = "Remove leftover temporaries older than this (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration temporaryGrace;

    @Override
    public Integer call() {
        RatingReadOptions read = new RatingReadOptions(format, userCol, itemCol, ratingCol, timeCol, maxBadLines,
                Optional.ofNullable(rejects));
        FitRequest request = new FitRequest(input, read, als.params(), !noPromote, temporaryGrace);
        SparkSession spark = sparkOptions.session("freshet-trainer-fit");
        try {
            ModelStore modelStore = store.open(spark.sparkContext().hadoopConfiguration());
            FitResult result = new TrainingService(spark, modelStore, Clock.systemUTC()).fit(request);
            spec.commandLine().getOut().println(result.version());
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            spark.stop();
        }
    }
}
