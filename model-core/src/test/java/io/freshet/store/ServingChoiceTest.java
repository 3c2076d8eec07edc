package io.freshet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServingChoiceTest {
    private static final VersionId OLD = VersionId.parse("20261101T000000Z-aaaaaa");
    private static final VersionId MID = VersionId.parse("20261102T000000Z-bbbbbb");
    private static final VersionId NEW = VersionId.parse("20261103T000000Z-cccccc");

    private static Manifest manifest(VersionId id, String status) {
        return StoreFixtures.manifest(id, Instant.EPOCH, status);
    }

    private static final List<Manifest> ALL_ACCEPTED = List.of(
            manifest(MID, Manifest.ACCEPTED), manifest(NEW, Manifest.ACCEPTED), manifest(OLD, Manifest.ACCEPTED));

    @Test
    void followsAPointerToACompleteServableVersion() {
        ServingChoice choice = ServingChoice.choose(Optional.of(OLD + "\n"), ALL_ACCEPTED);
        assertEquals(Optional.of(OLD), choice.version());
        assertEquals(Optional.empty(), choice.fallbackReason());
    }

    @Test
    void ignoresLinesAfterTheFirst() {
        assertEquals(Optional.of(MID),
                ServingChoice.choose(Optional.of(MID + "\n{\"note\": \"reserved\"}\n"), ALL_ACCEPTED).version());
    }

    @Test
    void withoutPointerTakesTheNewestAndSaysWhy() {
        ServingChoice choice = ServingChoice.choose(Optional.empty(), ALL_ACCEPTED);
        assertEquals(Optional.of(NEW), choice.version());
        assertTrue(choice.fallbackReason().orElseThrow().contains("no CURRENT"));
    }

    @Test
    void aPointerToAVersionNotInTheListingFallsBackToTheNewest() {
        VersionId gone = VersionId.parse("20261104T000000Z-dddddd");
        ServingChoice choice = ServingChoice.choose(Optional.of(gone.value()), ALL_ACCEPTED);
        assertEquals(Optional.of(NEW), choice.version());
        assertTrue(choice.fallbackReason().orElseThrow().contains(gone.value()));
    }

    @Test
    void aPointerHoldingGarbageFallsBackToTheNewest() {
        ServingChoice choice = ServingChoice.choose(Optional.of("<html>oops"), ALL_ACCEPTED);
        assertEquals(Optional.of(NEW), choice.version());
        assertTrue(choice.fallbackReason().orElseThrow().contains("<html>oops"));
    }

    @Test
    void neverChoosesARejectedVersion() {
        List<Manifest> listing = List.of(manifest(OLD, Manifest.ACCEPTED), manifest(MID, Manifest.FORCED),
                manifest(NEW, Manifest.REJECTED));
        assertEquals(Optional.of(MID), ServingChoice.choose(Optional.empty(), listing).version());
        ServingChoice pointed = ServingChoice.choose(Optional.of(NEW.value()), listing);
        assertEquals(Optional.of(MID), pointed.version());
        assertTrue(pointed.fallbackReason().orElseThrow().contains("rejected"));
    }

    @Test
    void nothingToServeWhenEveryVersionIsRejectedOrThereAreNone() {
        assertEquals(Optional.empty(), ServingChoice.choose(Optional.empty(), List.of()).version());
        assertEquals(Optional.empty(),
                ServingChoice.choose(Optional.of(OLD.value()), List.of(manifest(OLD, Manifest.REJECTED))).version());
    }
}
