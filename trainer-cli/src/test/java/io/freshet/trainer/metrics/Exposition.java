package io.freshet.trainer.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: what a scraper or the node
 * exporter's textfile collector accepts, and nothing else. Each family has one HELP and one TYPE line before its
 * samples, which are contiguous; names, label names, escapes and values follow the format's grammar; the text
 * ends with a newline. Anything else is an AssertionError naming the line.
 */
public final class Exposition {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{.*})? (\\S+)( -?\\d+)?");
    private static final Set<String> SPECIAL = Set.of("NaN", "+Inf", "-Inf");

    /** One sample: its labels in order and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One metric family: its type, help text (unescaped) and samples. */
    public record Family(String name, String type, String help, List<Sample> samples) {
        /** The value of the one sample with these labels ({@code k1, v1, k2, v2, ...}). */
        public double value(String... labels) {
            Map<String, String> want = new LinkedHashMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                want.put(labels[i], labels[i + 1]);
            }
            List<Sample> found = samples.stream().filter(s -> s.labels().equals(want)).toList();
            if (found.size() != 1) {
                throw new AssertionError(name + ": " + found.size() + " samples with labels " + want + " in " + samples);
            }
            return found.get(0).value();
        }
    }

    private Exposition() {
    }

    /** The families of {@code text}, by name, in the order they appear. */
    public static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the text does not end with a newline");
        }
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        String open = null;
        int n = 0;
        List<String> lines = text.isEmpty() ? List.of() : List.of(text.substring(0, text.length() - 1).split("\n", -1));
        for (String line : lines) {
            n++;
            String where = "line " + n + " \"" + line + "\": ";
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                check(!helps.containsKey(m.group(1)) && !samples.containsKey(m.group(1)), where + "HELP again or late");
                helps.put(m.group(1), unescape(m.group(2), false, where));
                open = m.group(1);
            } else if ((m = TYPE.matcher(line)).matches()) {
                check(!types.containsKey(m.group(1)) && !samples.containsKey(m.group(1)), where + "TYPE again or late");
                types.put(m.group(1), m.group(2));
                open = m.group(1);
            } else if (line.startsWith("#")) {
                throw new AssertionError(where + "not a HELP or TYPE comment");
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                String family = open != null && (name.equals(open) || name.startsWith(open + "_")) ? open : name;
                check(family.equals(open), where + "sample outside its family's block (HELP and TYPE first)");
                check(!"counter".equals(types.get(family)) || name.equals(family),
                        where + "a counter's sample must carry its family's name");
                samples.computeIfAbsent(family, k -> new ArrayList<>())
                        .add(new Sample(name, labels(m.group(2), where), value(m.group(3), where)));
            } else {
                throw new AssertionError(where + "not a sample");
            }
        }
        Map<String, Family> families = new LinkedHashMap<>();
        for (String name : types.keySet()) {
            check(helps.containsKey(name), "family " + name + " has no HELP");
            check(samples.containsKey(name), "family " + name + " has no sample");
            families.put(name, new Family(name, types.get(name), helps.get(name), List.copyOf(samples.get(name))));
        }
        check(families.keySet().equals(helps.keySet()), "HELP without TYPE: " + helps.keySet());
        return families;
    }

    private static Map<String, String> labels(String block, String where) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (block == null) {
            return labels;
        }
        String s = block.substring(1, block.length() - 1);
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf("=\"", i);
            check(eq > i, where + "label without =\"");
            String name = s.substring(i, eq);
            check(LABEL_NAME.matcher(name).matches(), where + "bad label name " + name);
            StringBuilder raw = new StringBuilder();
            int j = eq + 2;
            for (; j < s.length() && s.charAt(j) != '"'; j++) {
                raw.append(s.charAt(j));
                if (s.charAt(j) == '\\') {
                    check(j + 1 < s.length(), where + "dangling backslash");
                    raw.append(s.charAt(++j));
                }
            }
            check(j < s.length(), where + "unterminated label value");
            check(labels.put(name, unescape(raw.toString(), true, where)) == null, where + "label " + name + " twice");
            i = j + 1;
            if (i < s.length()) {
                check(s.charAt(i) == ',', where + "labels not separated by a comma");
                i++;
            }
        }
        return labels;
    }

    /** Undoes the escapes the format allows: \\ and \n, and in label values also \". */
    private static String unescape(String s, boolean quote, String where) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                check(c != '\n' && !(quote && c == '"'), where + "unescaped character");
                b.append(c);
                continue;
            }
            check(i + 1 < s.length(), where + "dangling backslash");
            char e = s.charAt(++i);
            if (e == '\\') {
                b.append('\\');
            } else if (e == 'n') {
                b.append('\n');
            } else if (e == '"' && quote) {
                b.append('"');
            } else {
                throw new AssertionError(where + "bad escape \\" + e);
            }
        }
        return b.toString();
    }

    private static double value(String s, String where) {
        if (SPECIAL.contains(s)) {
            return s.equals("NaN") ? Double.NaN : s.startsWith("+") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        check(s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?"), where + "bad value " + s);
        return Double.parseDouble(s);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
