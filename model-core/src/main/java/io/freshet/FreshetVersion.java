package io.freshet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of Freshet this code was built as (written into every manifest). */
public final class FreshetVersion {
    private static final String VERSION = load();

    private FreshetVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = FreshetVersion.class.getResourceAsStream("/io/freshet/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/freshet/version.properties", e);
        }
    }
}
