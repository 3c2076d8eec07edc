package io.freshet.artifact;

import io.freshet.ids.IdKind;
import java.util.ArrayList;
import java.util.List;

/** Names of the files inside a version directory (docs/store-format.md). */
public final class ArtifactFiles {
    /** Freshet's compact factor file: users, items and item popularity. */
    public static final String FACTORS = "factors.bin";
    /** The items each user rated in training. */
    public static final String SEEN = "seen.bin";
    /** The model in Spark's own ALSModel.save layout (readable by ALSModel.load). */
    public static final String ALS = "als";
    /** The version's manifest. */
    public static final String MANIFEST = "manifest.json";

    /**
     * What a version must hold to be published (a name ending in '/' is a directory that holds files): Spark's
     * ALS layout, and factors.bin and seen.bin unless the version holds no artifact (a model with NaN or Inf
     * factors, kept for inspection only).
     */
    public static List<String> required(boolean withArtifact) {
        List<String> als = List.of(ALS + "/metadata/", ALS + "/userFactors/", ALS + "/itemFactors/");
        if (!withArtifact) {
            return als;
        }
        List<String> all = new ArrayList<>(als);
        all.add(FACTORS);
        all.add(SEEN);
        return List.copyOf(all);
    }

    /**
     * What a version of {@code ids} must hold: {@link #required(boolean)}, and for 64-bit or string ids both id
     * dictionaries (with or without an artifact: the ALS layout holds indices too).
     */
    public static List<String> required(boolean withArtifact, IdKind ids) {
        if (!ids.mapped()) {
            return required(withArtifact);
        }
        List<String> all = new ArrayList<>(required(withArtifact));
        all.add(IdDictionaryFile.USERS);
        all.add(IdDictionaryFile.ITEMS);
        return List.copyOf(all);
    }

    /** Magic at the start of factors.bin. */
    static final byte[] FACTORS_MAGIC = {'F', 'R', 'S', 'H', 'F', 'A', 'C', 'T'};
    /** Magic at the start of seen.bin. */
    static final byte[] SEEN_MAGIC = {'F', 'R', 'S', 'H', 'S', 'E', 'E', 'N'};
    /** Magic at the end of both files: a truncated file lacks it. */
    static final byte[] END_MAGIC = {'F', 'R', 'S', 'H', '_', 'E', 'N', 'D'};
    /** Version of the binary layout of factors.bin and seen.bin. */
    public static final int BINARY_FORMAT = 1;

    private ArtifactFiles() {
    }
}
