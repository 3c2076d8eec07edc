package io.freshet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The line parsers of each text format and the field rules they share. */
class LineParsersTest {
    private static final LineParser MOVIELENS = new MovieLensLineParser();
    private static final LineParser DELIMITED = new DelimitedLineParser();
    private static final LineParser CSV = new CsvLineParser(new CsvColumns(0, 1, 2, 3, 4, "u,i,r,t"));

    private static String parsed(LineParser parser, String line) throws FieldRejection {
        Row row = parser.parse(line);
        return row.getInt(0) + "," + row.getInt(1) + "," + row.getFloat(2) + "," + (row.isNullAt(3) ? "-" : row.getLong(3));
    }

    private static FieldRejection rejected(LineParser parser, String line) {
        return assertThrows(FieldRejection.class, () -> parser.parse(line));
    }

    @Test
    void movieLensParsesThreeOrFourFields() throws Exception {
        assertEquals("1,2,3.5,-", parsed(MOVIELENS, "1::2::3.5"));
        assertEquals("1,2,3.5,978300760", parsed(MOVIELENS, "1::2::3.5::978300760"));
        assertEquals("-4,0,1.0E-4,-", parsed(MOVIELENS, " -4 :: 0 :: 1e-4 "));
    }

    @Test
    void movieLensCountsAllFieldsWhenThereAreTooMany() {
        FieldRejection e = rejected(MOVIELENS, "1::2::3::4::5::6");
        assertEquals("line", e.field());
        assertEquals("expected 3 or 4 fields user::item::rating[::timestamp], found 6", e.reason());
    }

    @Test
    void delimitedAcceptsAnyRunOfTabsAndSpaces() throws Exception {
        assertEquals("1,2,3.0,4", parsed(DELIMITED, " 1 \t 2\t\t3   4\r"));
    }

    @Test
    void delimitedWithTwoFieldsIsALineError() {
        assertEquals("line", rejected(DELIMITED, "1 2").field());
    }

    @Test
    void csvReadsQuotedFieldsAndAnEmptyTimestampAsNone() throws Exception {
        assertEquals("1,2,3.5,-", parsed(CSV, "\"1\", 2 ,\"3.5\","));
    }

    @Test
    void csvWithMoreFieldsThanTheHeaderIsALineError() {
        FieldRejection e = rejected(CSV, "1,2,3,4,5");
        assertEquals("line", e.field());
        assertEquals("expected 4 comma-separated fields as in the header 'u,i,r,t', found 5", e.reason());
    }

    @Test
    void idsMustBeIntegers() {
        assertEquals("'1.0' is not an integer; --ids string reads ids that are not integers", rejected(MOVIELENS, "1.0::2::3").reason());
        assertEquals("user", rejected(MOVIELENS, "1.0::2::3").field());
        assertEquals("empty", rejected(MOVIELENS, "1::::3").reason());
        assertEquals("'+' is not an integer; --ids string reads ids that are not integers", rejected(MOVIELENS, "1::+::3").reason());
    }

    @Test
    void idsAtTheIntLimitsAreAcceptedAndOneBeyondIsNot() throws Exception {
        assertEquals("2147483647,-2147483648,1.0,-", parsed(MOVIELENS, "2147483647::-2147483648::1"));
        assertEquals("item id 2147483648 does not fit in a 32-bit int; --ids long reads 64-bit ids, --ids string ids of any form (docs/input-formats.md)",
                rejected(MOVIELENS, "1::2147483648::1").reason());
    }

    @Test
    void ratingsMustBeFiniteNumbers() {
        assertEquals("'Infinity' is not a finite number", rejected(MOVIELENS, "1::2::Infinity").reason());
        assertEquals("'1e39' is not a finite number", rejected(MOVIELENS, "1::2::1e39").reason());
        assertEquals("'3.5f' is not a number", rejected(MOVIELENS, "1::2::3.5f").reason());
        assertEquals("'0x10' is not a number", rejected(MOVIELENS, "1::2::0x10").reason());
        assertEquals("rating", rejected(MOVIELENS, "1::2::").field());
    }

    @Test
    void timestampsMustBeLongIntegers() {
        assertEquals("timestamp", rejected(MOVIELENS, "1::2::3::12.5").field());
        assertEquals("'99999999999999999999' does not fit in a 64-bit long",
                rejected(MOVIELENS, "1::2::3::99999999999999999999").reason());
    }

    @Test
    void reasonsEscapeControlCharactersAndCutLongTokens() {
        assertEquals("'a\\tb' is not an integer; --ids string reads ids that are not integers", rejected(CSV, "\"a\tb\",2,3,4").reason());
        String longToken = "x".repeat(100);
        assertEquals("'" + "x".repeat(40) + "...(100 chars)' is not an integer; --ids string reads ids that are not integers", rejected(MOVIELENS, longToken + "::1::1").reason());
    }
}
