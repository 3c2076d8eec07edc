package io.freshet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Ratings from text files, parsed on the executors split by split (Hadoop's TextInputFormat: LF, CR or
 * CRLF line ends, compressed files by their codec). Each split reports its line count and rejections, so
 * the driver can number the bad lines without reading the input again.
 */
final class TextRatings {
    static final long MIN_SPLIT_BYTES = 4L << 20;

    private TextRatings() {
    }

    /**
     * Rows of {@link RatingSchema}, lazily; rejections and line counts go to {@code reports} as the
     * partitions are computed. Unless the Hadoop configuration sets a maximum split size, splits are cut
     * so that every core gets one (but not below {@link #MIN_SPLIT_BYTES}).
     *
     * @param parsers    the files to read (fully qualified paths), each with its parser
     * @param inputBytes the size of those files together
     */
    static JavaRDD<Row> parse(JavaSparkContext jsc, Map<String, LineParser> parsers, long inputBytes,
                              PartitionReports reports) {
        Configuration conf = new Configuration(jsc.hadoopConfiguration());
        if (conf.get(FileInputFormat.SPLIT_MAXSIZE) == null) {
            long perCore = (inputBytes + jsc.defaultParallelism() - 1) / jsc.defaultParallelism();
            conf.setLong(FileInputFormat.SPLIT_MAXSIZE, Math.max(MIN_SPLIT_BYTES, perCore));
        }
        Job job;
        try {
            job = Job.getInstance(conf);
            FileInputFormat.setInputPaths(job, parsers.keySet().stream().map(Path::new).toArray(Path[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the read of " + parsers.keySet() + ": " + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>) jsc.newAPIHadoopRDD(
                job.getConfiguration(), ListedFilesTextInputFormat.class, LongWritable.class, Text.class);
        return lines.mapPartitionsWithInputSplit(new SplitParser(parsers, reports), false);
    }

    /** Parses the lines of one split (executor side). */
    private static final class SplitParser
            implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<Row>> {
        private static final long serialVersionUID = 1L;

        private final Map<String, LineParser> parsers;
        private final PartitionReports reports;

        SplitParser(Map<String, LineParser> parsers, PartitionReports reports) {
            this.parsers = parsers;
            this.reports = reports;
        }

        @Override
        public Iterator<Row> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
            FileSplit fileSplit = (FileSplit) split;
            String file = fileSplit.getPath().toString();
            LineParser parser = parsers.get(file);
            if (parser == null) {
                throw new IllegalStateException("no parser for input split file " + file + "; known: " + parsers.keySet());
            }
            return new SplitRows(file, fileSplit.getStart(), parser, lines, reports);
        }
    }

    /** The ratings of one split, parsed one line at a time. */
    private static final class SplitRows extends ParsedRows<Tuple2<LongWritable, Text>> {
        private final String file;
        private final long start;
        private final LineParser parser;
        private long index = -1;

        SplitRows(String file, long start, LineParser parser, Iterator<Tuple2<LongWritable, Text>> lines,
                  PartitionReports reports) {
            super(lines, reports);
            this.file = file;
            this.start = start;
            this.parser = parser;
        }

        @Override
        protected Row parse(Tuple2<LongWritable, Text> record) {
            String line = record._2().toString();
            index++;
            boolean firstOfFile = start == 0 && index == 0;
            if (firstOfFile && parser.hasHeader() || line.isBlank()) {
                return null;
            }
            if (firstOfFile && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            try {
                return parser.parse(line);
            } catch (FieldRejection e) {
                tally.reject(Rejection.of(file, start, index, e, line));
                return null;
            }
        }

        @Override
        protected List<SplitLines> splits() {
            return List.of(new SplitLines(file, start, index + 1));
        }
    }
}
