package io.freshet.data;

/**
 * Parses and checks the values of one rating: ids that fit a Java int (ALS needs int ids), a finite
 * rating, a timestamp that fits a long. Each failure names the field and says why.
 */
final class Fields {
    static final String USER = "user";
    static final String ITEM = "item";
    static final String RATING = "rating";
    static final String TIMESTAMP = "timestamp";
    static final String LINE = "line";

    private Fields() {
    }

    /** An id token: an optionally signed decimal integer within the range of a Java int. */
    static int id(String token, String field) throws FieldRejection {
        long value = integer(token, field);
        return id(value, field);
    }

    /** An id that arrived as a long (Parquet): it must fit a Java int. */
    static int id(long value, String field) throws FieldRejection {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw tooLarge(Long.toString(value), field);
        }
        return (int) value;
    }

    /** A rating token: a finite decimal number (half stars such as 3.5 included) that fits a float. */
    static float rating(String token) throws FieldRejection {
        if (token.isEmpty()) {
            throw new FieldRejection(RATING, "empty");
        }
        if (!isDecimalNumber(token)) {
            String lower = token.toLowerCase(java.util.Locale.ROOT);
            boolean nonFinite = lower.contains("nan") || lower.contains("inf");
            throw new FieldRejection(RATING, quote(token) + (nonFinite ? " is not a finite number" : " is not a number"));
        }
        double value;
        try {
            value = Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new FieldRejection(RATING, quote(token) + " is not a number");
        }
        return rating(value, token);
    }

    /** A rating that arrived as a double (Parquet): finite, and finite as a float too. */
    static float rating(double value, String shown) throws FieldRejection {
        float rating = (float) value;
        if (!Float.isFinite(rating)) {
            throw new FieldRejection(RATING, quote(shown) + " is not a finite number");
        }
        return rating;
    }

    /** A timestamp token: a decimal integer within the range of a long (seconds since the epoch). */
    static long timestamp(String token) throws FieldRejection {
        return integer(token, TIMESTAMP);
    }

    private static long integer(String token, String field) throws FieldRejection {
        int length = token.length();
        if (length == 0) {
            throw new FieldRejection(field, "empty");
        }
        int start = token.charAt(0) == '-' || token.charAt(0) == '+' ? 1 : 0;
        if (start == length) {
            throw notInteger(token, field);
        }
        for (int i = start; i < length; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                throw notInteger(token, field);
            }
        }
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            // All digits, yet not a long: too large for any id or timestamp Freshet accepts.
            if (field.equals(TIMESTAMP)) {
                throw new FieldRejection(field, quote(token) + " does not fit in a 64-bit long");
            }
            throw tooLarge(token, field);
        }
    }

    private static FieldRejection notInteger(String token, String field) {
        return new FieldRejection(field, quote(token) + " is not an integer");
    }

    private static FieldRejection tooLarge(String shown, String field) {
        return new FieldRejection(field, field + " id " + shown
                + " does not fit in a 32-bit int; Freshet requires int ids (docs/input-formats.md)");
    }

    private static boolean isDecimalNumber(String token) {
        boolean digit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }

    /** A token as shown in a reason: single-quoted, control characters escaped, long ones cut. */
    static String quote(String token) {
        return "'" + Printable.of(token, 40) + "'";
    }
}
