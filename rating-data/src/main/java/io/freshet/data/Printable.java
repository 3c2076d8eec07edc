package io.freshet.data;

/** Input text made safe for one-line messages: control characters escaped, long text cut with a count. */
final class Printable {
    /** How much of a raw line an error message or a rejects file shows. */
    static final int RAW_LINE_CHARS = 200;

    private Printable() {
    }

    static String of(String text, int maxChars) {
        int shown = Math.min(text.length(), maxChars);
        StringBuilder out = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > maxChars) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
