package io.freshet.store;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The CURRENT file: the id of the version to serve on its first line, then a newline. Later lines are
 * reserved; readers ignore them. It is only a hint: {@link ServingChoice} falls back to the listing when
 * it is missing, unreadable or names a version that is gone.
 */
final class Pointer {
    private final StoreLayout layout;
    private final ControlFiles files;

    Pointer(StoreLayout layout, ControlFiles files) {
        this.layout = layout;
        this.files = files;
    }

    /** What CURRENT holds, as text; empty when there is no CURRENT. */
    Optional<String> read() {
        return files.read(layout.pointerFile()).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** The id on the first line of {@code content}, or empty when that line is not a version id. */
    static Optional<VersionId> parse(String content) {
        String firstLine = content.lines().findFirst().orElse("").strip();
        return VersionId.isValid(firstLine) ? Optional.of(VersionId.parse(firstLine)) : Optional.empty();
    }

    /** Replaces CURRENT so that a reader sees the old or the new id, never a partial file. */
    void write(VersionId id) {
        files.replace(layout.pointerFile(), layout.newPointerTemp(),
                (id.value() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
