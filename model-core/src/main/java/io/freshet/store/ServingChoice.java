package io.freshet.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which version to serve, decided from the pointer's content and the complete versions alone (no I/O):
 * the version CURRENT names when it is complete and servable, otherwise the newest complete servable
 * version, with the reason for the fallback.
 *
 * @param version        the version to serve, empty when no complete servable version exists
 * @param fallbackReason why CURRENT was not followed; empty when it was
 */
record ServingChoice(Optional<VersionId> version, Optional<String> fallbackReason) {

    /**
     * @param pointer  CURRENT's content, empty when there is no CURRENT
     * @param complete the manifests of the complete versions, in any order
     */
    static ServingChoice choose(Optional<String> pointer, List<Manifest> complete) {
        String reason;
        if (pointer.isEmpty()) {
            reason = "there is no CURRENT pointer";
        } else {
            Optional<VersionId> named = Pointer.parse(pointer.get());
            if (named.isEmpty()) {
                reason = "CURRENT does not hold a version id (it starts with '" + firstLine(pointer.get()) + "')";
            } else {
                String id = named.get().value();
                Optional<Manifest> target = complete.stream().filter(m -> m.id().equals(id)).findFirst();
                if (target.isPresent() && target.get().servable()) {
                    return new ServingChoice(named, Optional.empty());
                }
                reason = target.isPresent()
                        ? "CURRENT names version " + id + ", which the quality gate rejected"
                        : "CURRENT names version " + id + ", which is not a complete version";
            }
        }
        Optional<VersionId> newest = complete.stream()
                .filter(Manifest::servable)
                .map(Manifest::versionId)
                .max(Comparator.naturalOrder());
        return new ServingChoice(newest, Optional.of(reason));
    }

    private static String firstLine(String content) {
        String line = content.lines().findFirst().orElse("").strip();
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }
}
