package io.freshet.data;

import io.freshet.BadInputException;
import io.freshet.ids.IdKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ratings in any supported format from a file or a directory of files (any Hadoop FileSystem),
 * validates every line on the executors, and reports the first malformed line by file, line number and
 * field; or, under maxBadLines, counts bad lines and writes them with their reasons to the rejects path.
 * The driver lists the files and reads only their first lines (format detection, CSV headers, the kind of the
 * ids). One pass parses the input into Spark's cache and, with it, sends the driver each partition's counts and first
 * bad lines. Ratings of 64-bit or string ids are then mapped to int indices on the executors ({@link IdMapping});
 * the {@link RatingIndex} is counted on the executors.
 */
public final class RatingReader {
    private static final Logger LOG = LoggerFactory.getLogger(RatingReader.class);

    private final SparkSession spark;

    public RatingReader(SparkSession spark) {
        this.spark = Objects.requireNonNull(spark, "spark");
    }

    /** Reads and validates; BadInputException on malformed, empty or undetectable input. */
    public RatingData read(String inputPath, RatingReadOptions options) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<InputFile> files = InputFiles.list(inputPath, conf);
        if (files.stream().allMatch(f -> f.length() == 0)) {
            throw new BadInputException("no ratings in " + inputPath + ": every input file is empty");
        }
        RatingFormat format = options.format() == RatingFormat.AUTO ? FormatDetector.detect(files, conf) : options.format();
        IdKind ids = idKind(inputPath, format, files, options, conf);
        PartitionReports reports = PartitionReports.register(spark.sparkContext(), options.maxBadLines());
        JavaRDD<Row> rows = format == RatingFormat.PARQUET
                ? ParquetRatings.parse(spark, files, options, ids, reports)
                : TextRatings.parse(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                        parsers(format, files, options, ids, conf), files.stream().mapToLong(InputFile::length).sum(),
                        reports);
        Dataset<Row> parsed = spark.createDataFrame(rows, RatingSchema.schema(ids)).cache();
        Dataset<Row> ratings = parsed;
        RatingIds mappedIds = RatingIds.INT;
        try {
            // The first action parses every partition into the cache; the reports arrive with it.
            parsed.count();
            List<PartitionReport> partitions = reports.collect(rows.getNumPartitions());
            long count = partitions.stream().mapToLong(PartitionReport::ratings).sum();
            long timestamped = partitions.stream().mapToLong(PartitionReport::timestamped).sum();
            float maxRating = (float) partitions.stream().mapToDouble(PartitionReport::maxRating).max()
                    .orElse(Float.NEGATIVE_INFINITY);
            long badLines = badLines(inputPath, BadLines.of(partitions), options, conf);
            if (count == 0) {
                throw new BadInputException("no ratings in " + inputPath + (badLines > 0
                        ? ": every line is bad" : ": the input holds no rating lines"));
            }
            RatingIndex index;
            if (ids.mapped()) {
                long t = System.nanoTime();
                IdMapping.Mapped mapped = IdMapping.map(parsed, ids);
                mappedIds = mapped.ids();
                ratings = mapped.ratings().cache();
                index = RatingIndex.of(ratings); // fills the mapped cache while the parse it is made of is cached
                parsed.unpersist();
                LOG.info("mapped {} to int indices in {} s", mappedIds,
                        String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - t) / 1e9));
            } else {
                index = RatingIndex.of(ratings);
            }
            return new RatingData(ratings, format, files.stream().map(InputFile::path).toList(),
                    InputFiles.fingerprint(files), count, badLines, timestamped == count, maxRating, index, mappedIds);
        } catch (RuntimeException e) {
            parsed.unpersist();
            ratings.unpersist();
            mappedIds.release();
            throw e;
        }
    }

    /** The kind of the ids: as asked, or (--ids auto) decided from the input before it is parsed, and logged. */
    private IdKind idKind(String inputPath, RatingFormat format, List<InputFile> files, RatingReadOptions options,
                          Configuration conf) {
        if (options.ids().kind().isPresent()) {
            return options.ids().kind().get();
        }
        IdKindDetector.Decision decision;
        if (format == RatingFormat.PARQUET) {
            decision = ParquetRatings.idKind(spark, files, options);
        } else {
            InputFile first = files.stream().filter(f -> f.length() > 0).findFirst().orElseThrow();
            decision = IdKindDetector.detect(first, parser(format, first, options, IdKind.STRING, conf), conf);
        }
        LOG.info("{}: reading {} ids (--ids auto: {}){}", inputPath, decision.kind().label(), decision.reason(),
                decision.kind().mapped() ? "" : "; --ids long or --ids string reads ids that are not 32-bit ints");
        return decision.kind();
    }

    /** Fails on more bad lines than allowed; else logs them, writes the rejects file if asked, and counts them. */
    private static long badLines(String inputPath, BadLines bad, RatingReadOptions options, Configuration conf) {
        if (bad.count() > options.maxBadLines()) {
            throw bad.tooMany(options.maxBadLines());
        }
        if (bad.count() > 0) {
            LOG.warn("{}: tolerated {} bad lines (at most {} allowed){}; the first: {}", inputPath, bad.count(),
                    options.maxBadLines(), options.rejectsPath().map(p -> ", written to " + p).orElse(""),
                    bad.first().get(0).message());
        }
        options.rejectsPath().ifPresent(path -> RejectsFile.write(path, bad.first(), conf));
        return bad.count();
    }

    /** The parser of each non-empty file (an empty file has no lines, not even a CSV header). */
    private static Map<String, LineParser> parsers(RatingFormat format, List<InputFile> files, RatingReadOptions options,
                                                   IdKind ids, Configuration conf) {
        Map<String, LineParser> parsers = new LinkedHashMap<>();
        LineParser shared = format == RatingFormat.CSV ? null : parser(format, null, options, ids, conf);
        for (InputFile file : files.stream().filter(f -> f.length() > 0).toList()) {
            parsers.put(file.path(), shared != null ? shared : parser(format, file, options, ids, conf));
        }
        return parsers;
    }

    /** The parser of {@code file} in a text format (for CSV, by its header; the others need no file). */
    private static LineParser parser(RatingFormat format, InputFile file, RatingReadOptions options, IdKind ids,
                                     Configuration conf) {
        return switch (format) {
            case MOVIELENS -> new MovieLensLineParser(ids);
            case DELIMITED -> new DelimitedLineParser(ids);
            case CSV -> new CsvLineParser(CsvColumns.fromHeader(file.path(), FileHead.firstLine(file, conf), options), ids);
            case AUTO, PARQUET -> throw new IllegalArgumentException("not a text format: " + format);
        };
    }
}
