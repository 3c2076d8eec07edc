package io.freshet.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which complete versions {@code prune} deletes: a pure function of the listing, the protected ids and time. */
final class RetentionPlan {
    private RetentionPlan() {
    }

    /**
     * The versions to delete, oldest first: everything but the newest {@code keep}, except the protected
     * ones and those made less than {@code grace} before {@code now} (by their id's time).
     *
     * @param versions  every complete version, accepted or rejected alike, in any order
     * @param protect   versions never to delete (the one CURRENT names and the one served)
     */
    static List<VersionId> select(List<VersionId> versions, Set<VersionId> protect, int keep, Duration grace,
                                  Instant now) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got: " + keep);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got: " + grace);
        }
        List<VersionId> oldestFirst = versions.stream().sorted().toList();
        Instant youngestDeletable = now.minus(grace);
        List<VersionId> delete = new ArrayList<>();
        for (VersionId id : oldestFirst.subList(0, Math.max(0, oldestFirst.size() - keep))) {
            if (!protect.contains(id) && !id.createdAt().isAfter(youngestDeletable)) {
                delete.add(id);
            }
        }
        return List.copyOf(delete);
    }
}
