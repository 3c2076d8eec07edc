package io.freshet.trainer;

import io.freshet.store.Manifest;
import io.freshet.store.VersionId;
import java.util.Optional;

/**
 * What a training run published: the version, its manifest (status, metrics, gate decision), and the pointer
 * move if there was one. A run the gate refuses ends in a GateRefusedException instead.
 */
public record FitResult(VersionId version, Manifest manifest, boolean promoted, Optional<VersionId> previous) {
}
