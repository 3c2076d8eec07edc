package io.freshet.data;

import io.freshet.ids.IdKind;
import io.freshet.ids.Ids;

/**
 * Parses and checks the values of one rating: ids of the kind asked (ints that fit a Java int, as ALS needs
 * them, 64-bit ints, or strings of 1 to {@link Ids#MAX_STRING_BYTES} bytes of UTF-8), a finite rating, a
 * timestamp that fits a long. Each failure names the field and says why.
 */
final class Fields {
    static final String USER = "user";
    static final String ITEM = "item";
    static final String RATING = "rating";
    static final String TIMESTAMP = "timestamp";
    static final String LINE = "line";

    private Fields() {
    }

    /** An id token of {@code kind}: an Integer, a Long or a String (see the methods of each kind). */
    static Object id(IdKind kind, String token, String field) throws FieldRejection {
        return switch (kind) {
            case INT -> id(token, field);
            case LONG -> longId(token, field);
            case STRING -> stringId(token, field);
        };
    }

    /** An id token: an optionally signed decimal integer within the range of a Java int. */
    static int id(String token, String field) throws FieldRejection {
        long value = integer(token, field, true);
        return id(value, field);
    }

    /** A 64-bit id token: an optionally signed decimal integer within the range of a Java long. */
    static long longId(String token, String field) throws FieldRejection {
        return integer(token, field, false);
    }

    /** A string id: any non-empty token of at most {@link Ids#MAX_STRING_BYTES} bytes of UTF-8, kept as it is. */
    static String stringId(String token, String field) throws FieldRejection {
        if (token.isEmpty()) {
            throw new FieldRejection(field, "empty");
        }
        int bytes = utf8Length(token);
        if (bytes > Ids.MAX_STRING_BYTES) {
            throw new FieldRejection(field, field + " id " + quote(token) + " is " + bytes + " bytes of UTF-8, longer "
                    + "than the limit of " + Ids.MAX_STRING_BYTES + " bytes");
        }
        return token;
    }

    /**
     * The narrowest kind that holds {@code token}: INT for an integer that fits an int, LONG for one that fits a
     * long, STRING for anything else.
     */
    static IdKind kindOf(String token) {
        int length = token.length();
        int start = length > 0 && (token.charAt(0) == '-' || token.charAt(0) == '+') ? 1 : 0;
        if (start == length) {
            return IdKind.STRING;
        }
        for (int i = start; i < length; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return IdKind.STRING;
            }
        }
        try {
            long value = Long.parseLong(token);
            return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? IdKind.INT : IdKind.LONG;
        } catch (NumberFormatException e) {
            return IdKind.STRING;
        }
    }

    /** The UTF-8 length of {@code text}, without encoding it (an unpaired surrogate counts as UTF-8's '?'). */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
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
        return integer(token, TIMESTAMP, false);
    }

    /** An optionally signed decimal integer that fits a long ({@code intId}: an int id, whose overflow says so). */
    private static long integer(String token, String field, boolean intId) throws FieldRejection {
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
            if (intId) {
                throw tooLarge(token, field);
            }
            throw new FieldRejection(field, field + " id " + token + " does not fit in a 64-bit long; --ids string "
                    + "reads ids of any form (docs/input-formats.md)");
        }
    }

    private static FieldRejection notInteger(String token, String field) {
        String advice = field.equals(TIMESTAMP) ? "" : "; --ids string reads ids that are not integers";
        return new FieldRejection(field, quote(token) + " is not an integer" + advice);
    }

    private static FieldRejection tooLarge(String shown, String field) {
        return new FieldRejection(field, field + " id " + shown + " does not fit in a 32-bit int; --ids long reads "
                + "64-bit ids, --ids string ids of any form (docs/input-formats.md)");
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
