package io.freshet.trainer;

import io.freshet.store.Manifest;
import io.freshet.store.Pin;
import io.freshet.store.VersionId;
import java.util.Optional;

/**
 * What a training run published: the version, its manifest (status, metrics, gate decision), the pointer move if
 * there was one, and the pin that held the pointer when the version would have been promoted. A run the gate refuses
 * ends in a GateRefusedException instead.
 */
public record FitResult(VersionId version, Manifest manifest, boolean promoted, Optional<VersionId> previous,
                        Optional<Pin> heldBy) {

    /** The line a command prints on stderr when a pin kept the version from being promoted. */
    public Optional<String> pinNotice() {
        return heldBy.map(pin -> "trainer: pinned: version " + version + " was published, not promoted: the pointer is pinned "
                + "to " + pin.describe() + "; `trainer unpin` releases it");
    }
}
