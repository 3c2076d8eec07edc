package io.freshet.data;

import io.freshet.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * Detects the format of an input from its first non-empty file (files sorted by path): the Parquet
 * magic {@code PAR1} or a {@code .parquet} name; else by the first line: {@code ::} means MovieLens; a comma
 * and a non-numeric first field mean CSV with a header; 3 or 4 fields separated by tabs or spaces whose
 * rating (and timestamp) are numbers mean delimited (the ids may be any tokens, see "Ids" in
 * docs/input-formats.md). Anything else is a BadInputException that shows the line.
 */
final class FormatDetector {
    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private FormatDetector() {
    }

    static RatingFormat detect(List<InputFile> files, Configuration conf) {
        InputFile first = files.stream().filter(f -> f.length() > 0).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("format detection needs a non-empty file"));
        if (first.name().toLowerCase(Locale.ROOT).endsWith(".parquet")
                || Arrays.equals(FileHead.firstBytes(first, PARQUET_MAGIC.length, conf), PARQUET_MAGIC)) {
            return RatingFormat.PARQUET;
        }
        String line = FileHead.firstLine(first, conf);
        if (line.contains("::")) {
            return RatingFormat.MOVIELENS;
        }
        if (line.contains(",") && !isNumber(unquoted(line.substring(0, line.indexOf(','))))) {
            return RatingFormat.CSV;
        }
        String[] fields = line.trim().split("[ \t]+");
        if ((fields.length == 3 || fields.length == 4) && isNumber(fields[2])
                && (fields.length == 3 || isNumber(fields[3]))) {
            return RatingFormat.DELIMITED;
        }
        throw new BadInputException("cannot detect the format of " + first.path() + ": first line '"
                + Printable.of(line, Printable.RAW_LINE_CHARS) + "'; expected user::item::rating[::timestamp] (movielens), "
                + "user item rating [timestamp] separated by tabs or spaces (delimited), a CSV header line (csv), "
                + "or Parquet; name the format with --format movielens|delimited|csv|parquet");
    }

    private static String unquoted(String field) {
        String trimmed = field.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static boolean isNumber(String text) {
        return NUMBER.matcher(text).matches();
    }
}
