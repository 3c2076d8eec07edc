package io.freshet.serving;

import io.freshet.store.Manifest;
import java.io.Serializable;

/**
 * What readers of a version's user side need to know, on the executors: its shape (from factors.bin's header) and
 * the manifest entries of factors.bin and seen.bin, whose chunk digests they check the bytes they read against
 * (none in a version written before chunk digests: then they read unchecked, the driver having checked the whole
 * files).
 *
 * @param version         the version id
 * @param rank            the factor rank
 * @param users           the user records in factors.bin
 * @param bytes           the user side's size as the broadcast budget counts it (user records and seen records)
 * @param factors         factors.bin's manifest entry
 * @param seen            seen.bin's manifest entry
 * @param userIndexLimit  for a mapped-id version, the size of its user dictionary, which every user index must be
 *                        below; -1 for a version of int ids
 */
public record UserSide(String version, int rank, int users, long bytes, Manifest.FileEntry factors,
                       Manifest.FileEntry seen, int userIndexLimit) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** True when both files carry chunk digests, which the readers then check. */
    public boolean checked() {
        return factors.chunked() && seen.chunked();
    }
}
