package io.freshet.serving;

import io.freshet.PrimitiveList;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import io.freshet.scoring.Scorer;
import io.freshet.fold.Folding;
import io.freshet.ids.Ids;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * One loaded, validated model version, ready to score: what the predictor broadcasts to executors and
 * what {@code transform} uses directly. Immutable.
 *
 * @param version       the version id (every output record names it)
 * @param createdAt     when the version was made (for the age logged at a swap)
 * @param scorer        the factor scorer
 * @param popularItems  item ids by descending popularity, for users the model does not know
 * @param popularCounts their training rating counts
 * @param folding       how stream ratings fold into users' vectors with this version, or null when the version
 *                      cannot fold (it holds no training ratings, was fitted with nonnegative ALS, or on mapped ids)
 * @param ids           the version's id space: {@link Ids#INT} when the scorer's ids are the users' and items' own,
 *                      else the dictionaries that turn the scorer's indices into ids and back
 */
public record ServingModel(String version, Instant createdAt, Scorer scorer, int[] popularItems, int[] popularCounts,
                           Folding folding, Ids ids) implements Serializable {

    public ServingModel {
        ids = ids == null ? Ids.INT : ids;
    }

    /** A version of int ids. */
    public ServingModel(String version, Instant createdAt, Scorer scorer, int[] popularItems, int[] popularCounts,
                        Folding folding) {
        this(version, createdAt, scorer, popularItems, popularCounts, folding, Ids.INT);
    }

    /** A version of int ids that does not fold. */
    public ServingModel(String version, Instant createdAt, Scorer scorer, int[] popularItems, int[] popularCounts) {
        this(version, createdAt, scorer, popularItems, popularCounts, null);
    }

    public boolean folds() {
        return folding != null;
    }

    /**
     * The same version with other users (see {@link Scorer#withUsers}): the item side, popularity and id are
     * kept. The predictor broadcasts the item side alone when a model is over its broadcast budget and joins
     * the users each batch asks for.
     */
    public ServingModel withUsers(FactorMatrix users, SeenItems seen) {
        return new ServingModel(version, createdAt, scorer.withUsers(users, seen), popularItems, popularCounts, folding,
                ids);
    }

    /** The same version read through the id space {@code newIds} (a mapped-id version does not fold). */
    public ServingModel withIds(Ids newIds) {
        return new ServingModel(version, createdAt, scorer, popularItems, popularCounts,
                newIds.mapped() ? null : folding, newIds);
    }

    /** The {@code n} most popular items (fewer when the model has fewer). */
    public int[] popular(int n) {
        return Arrays.copyOf(popularItems, Math.min(n, popularItems.length));
    }

    public int[] popularCounts(int n) {
        return Arrays.copyOf(popularCounts, Math.min(n, popularCounts.length));
    }

    /** Popular items and their training rating counts, most popular first. */
    public record Popular(int[] items, int[] counts) {
    }

    /** The {@code n} most popular items that {@code allowed} passes (fewer when fewer pass). */
    public Popular popular(int n, IntPredicate allowed) {
        PrimitiveList.Ints items = new PrimitiveList.Ints();
        PrimitiveList.Ints counts = new PrimitiveList.Ints();
        for (int i = 0; i < popularItems.length && items.size() < n; i++) {
            if (allowed.test(popularItems[i])) {
                items.add(popularItems[i]);
                counts.add(popularCounts[i]);
            }
        }
        return new Popular(items.toArray(), counts.toArray());
    }
}
