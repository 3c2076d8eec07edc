package io.freshet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPlanTest {
    private static final VersionId V1 = VersionId.parse("20261101T000000Z-000001");
    private static final VersionId V2 = VersionId.parse("20261102T000000Z-000002");
    private static final VersionId V3 = VersionId.parse("20261103T000000Z-000003");
    private static final VersionId V4 = VersionId.parse("20261104T000000Z-000004");
    private static final List<VersionId> SHUFFLED = List.of(V3, V1, V4, V2);
    private static final Instant LATER = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void deletesAllButTheNewestKeepOldestFirst() {
        assertEquals(List.of(V1, V2), RetentionPlan.select(SHUFFLED, Set.of(), 2, Duration.ZERO, LATER));
    }

    @Test
    void keepingMoreThanThereAreDeletesNothing() {
        assertEquals(List.of(), RetentionPlan.select(SHUFFLED, Set.of(), 10, Duration.ZERO, LATER));
    }

    @Test
    void neverDeletesAProtectedVersion() {
        assertEquals(List.of(V2, V3), RetentionPlan.select(SHUFFLED, Set.of(V1), 1, Duration.ZERO, LATER));
    }

    @Test
    void neverDeletesAVersionYoungerThanTheGrace() {
        Instant now = Instant.parse("2026-11-03T12:00:00Z");
        assertEquals(List.of(V1), RetentionPlan.select(SHUFFLED, Set.of(), 1, Duration.ofHours(48), now));
    }

    @Test
    void aVersionExactlyAsOldAsTheGraceMayGo() {
        Instant now = Instant.parse("2026-11-02T00:00:00Z");
        assertEquals(List.of(V1), RetentionPlan.select(List.of(V1, V2), Set.of(), 1, Duration.ofDays(1), now));
    }

    @Test
    void refusesToKeepNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetentionPlan.select(SHUFFLED, Set.of(), 0, Duration.ZERO, LATER));
        assertEquals("keep must be at least 1, got: 0", e.getMessage());
    }
}
