package io.freshet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Writes small input files for the reader tests. */
final class TestFiles {
    private TestFiles() {
    }

    /** Writes {@code text} (UTF-8, exactly as given) to {@code dir/name}, creating folders; returns the path. */
    /**
     * The default read options with this format, bad-line allowance and rejects file, and int ids ({@code --ids
     * int}: a line whose id is not an int is a bad line, as the error tests expect).
     */
    static RatingReadOptions options(RatingFormat format, long maxBadLines, Optional<String> rejects) {
        RatingReadOptions d = RatingReadOptions.defaults();
        return new RatingReadOptions(format, d.userCol(), d.itemCol(), d.ratingCol(), d.timeCol(), maxBadLines, rejects,
                IdChoice.INT);
    }

    static Path write(Path dir, String name, String text) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test file " + file, e);
        }
        return file;
    }

    /** {@code lines} joined with "\n", each line ended. */
    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
