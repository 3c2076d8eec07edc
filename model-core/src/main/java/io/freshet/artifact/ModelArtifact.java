package io.freshet.artifact;

import java.io.Serializable;

/**
 * Everything a scorer needs from one version, read from its factor and seen-item files without Spark.
 *
 * @param users         user factors
 * @param items         item factors, same rank
 * @param popularItems  item ids by descending training popularity (rating count), ties by ascending id
 * @param popularCounts the rating count of each entry of {@code popularItems}
 * @param seen          the items each user rated in training
 */
public record ModelArtifact(FactorMatrix users, FactorMatrix items, int[] popularItems, int[] popularCounts,
                            SeenItems seen) implements Serializable {
    public ModelArtifact {
        if (users.rank() != items.rank()) {
            throw new IllegalArgumentException("user rank " + users.rank() + " differs from item rank " + items.rank());
        }
        if (popularItems.length != popularCounts.length) {
            throw new IllegalArgumentException("popular items (" + popularItems.length + ") and counts ("
                    + popularCounts.length + ") differ in length");
        }
    }

    public int rank() {
        return users.rank();
    }
}
