package io.freshet.scoring;

import io.freshet.availability.ItemAvailability;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Which items one top-N list may hold, by item id: none of {@code excluded}, when a candidate set is given only items
 * in it, and only items the deployment's {@link ItemAvailability} allows. Applied inside the scan (an item it refuses never takes a place in the list), so a list is
 * still N long when N items pass. Ids the model does not know are allowed and change nothing. Immutable.
 */
public final class ItemFilter implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int[] NO_IDS = new int[0];

    /** Every item allowed. */
    public static final ItemFilter NONE = new ItemFilter(NO_IDS, null, ItemAvailability.ALL);

    private final int[] excluded;
    private final int[] candidates;
    private final ItemAvailability availability;

    private ItemFilter(int[] excluded, int[] candidates, ItemAvailability availability) {
        this.excluded = excluded;
        this.candidates = candidates;
        this.availability = availability;
    }

    /**
     * @param excluded   item ids never to list (any order, repeats allowed)
     * @param candidates the only item ids that may be listed, or null for every item
     */
    public static ItemFilter of(int[] excluded, int[] candidates) {
        return of(excluded, candidates, ItemAvailability.ALL);
    }

    /** As {@link #of(int[], int[])}, also listing only items {@code availability} allows. */
    public static ItemFilter of(int[] excluded, int[] candidates, ItemAvailability availability) {
        if (excluded.length == 0 && candidates == null && availability.allowsAll()) {
            return NONE;
        }
        return new ItemFilter(sortedDistinct(excluded), candidates == null ? null : sortedDistinct(candidates),
                availability);
    }

    private static int[] sortedDistinct(int[] ids) {
        return Arrays.stream(ids).sorted().distinct().toArray();
    }

    /** Whether this filter allows every item. */
    public boolean allowsAll() {
        return excluded.length == 0 && candidates == null && availability.allowsAll();
    }

    /** Whether the item id may be listed. */
    public boolean allows(int itemId) {
        return Arrays.binarySearch(excluded, itemId) < 0
                && (candidates == null || Arrays.binarySearch(candidates, itemId) >= 0) && availability.allows(itemId);
    }

    /** The deployment's availability this filter applies. */
    ItemAvailability availability() {
        return availability;
    }

    /** The excluded ids, ascending and distinct (shared, do not modify). */
    int[] excluded() {
        return excluded;
    }

    /** The candidate ids, ascending and distinct, or null for every item (shared, do not modify). */
    int[] candidates() {
        return candidates;
    }
}
