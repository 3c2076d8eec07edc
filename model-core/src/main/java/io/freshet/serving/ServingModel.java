package io.freshet.serving;

import io.freshet.scoring.Scorer;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;

/**
 * One loaded, validated model version, ready to score: what the predictor broadcasts to executors and
 * what {@code transform} uses directly. Immutable.
 *
 * @param version       the version id (every output record names it)
 * @param createdAt     when the version was made (for the age logged at a swap)
 * @param scorer        the factor scorer
 * @param popularItems  item ids by descending popularity, for users the model does not know
 * @param popularCounts their training rating counts
 */
public record ServingModel(String version, Instant createdAt, Scorer scorer, int[] popularItems, int[] popularCounts)
        implements Serializable {

    /** The {@code n} most popular items (fewer when the model has fewer). */
    public int[] popular(int n) {
        return Arrays.copyOf(popularItems, Math.min(n, popularItems.length));
    }

    public int[] popularCounts(int n) {
        return Arrays.copyOf(popularCounts, Math.min(n, popularCounts.length));
    }
}
