package io.freshet.trainer;

import io.freshet.store.Manifest;
import io.freshet.store.VersionId;
import java.util.Optional;

/** What a training run published: the version, its manifest, and the pointer move if there was one. */
public record FitResult(VersionId version, Manifest manifest, boolean promoted, Optional<VersionId> previous) {
}
