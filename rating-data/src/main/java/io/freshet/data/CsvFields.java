package io.freshet.data;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

/**
 * Splits one CSV line into its fields (RFC 4180 quoting: {@code "a, b"}, {@code ""} for a quote), blanks
 * around fields trimmed, an empty field as "". Not thread-safe: one per parser per task.
 */
final class CsvFields {
    private final CsvParser parser;

    CsvFields() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.setIgnoreLeadingWhitespaces(true);
        settings.setIgnoreTrailingWhitespaces(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setMaxCharsPerColumn(-1);
        settings.setMaxColumns(10_000);
        settings.setErrorContentLength(0);
        parser = new CsvParser(settings);
    }

    String[] split(String line) throws FieldRejection {
        try {
            String[] fields = parser.parseLine(line);
            return fields == null ? new String[0] : fields;
        } catch (TextParsingException e) {
            throw new FieldRejection(Fields.LINE, "malformed CSV: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
