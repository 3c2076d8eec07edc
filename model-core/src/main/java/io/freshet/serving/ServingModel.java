package io.freshet.serving;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
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

    /**
     * The same version with other users (see {@link Scorer#withUsers}): the item side, popularity and id are
     * kept. The predictor broadcasts the item side alone when a model is over its broadcast budget and joins
     * the users each batch asks for.
     */
    public ServingModel withUsers(FactorMatrix users, SeenItems seen) {
        return new ServingModel(version, createdAt, scorer.withUsers(users, seen), popularItems, popularCounts);
    }

    /** The {@code n} most popular items (fewer when the model has fewer). */
    public int[] popular(int n) {
        return Arrays.copyOf(popularItems, Math.min(n, popularItems.length));
    }

    public int[] popularCounts(int n) {
        return Arrays.copyOf(popularCounts, Math.min(n, popularCounts.length));
    }
}
