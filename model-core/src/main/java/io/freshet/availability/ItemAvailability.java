package io.freshet.availability;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Which items a deployment may recommend now: only those of an allow-list, or all but those of a deny-list, read
 * from one availability file of the store ({@code version} names it). {@link #ALL} (no file) allows every item.
 * Immutable; travels to the executors with each batch.
 */
public final class ItemAvailability implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the file's items are meant. */
    public enum Mode {
        /** The items listed are the only ones that may be recommended. */
        ALLOW,
        /** The items listed may not be recommended. */
        DENY
    }

    /** No availability file: every item may be recommended. */
    public static final ItemAvailability ALL = new ItemAvailability("none", Mode.DENY, new int[0]);

    private final String version;
    private final Mode mode;
    private final int[] items;

    /**
     * @param version the availability file's id
     * @param items   item ids, any order, repeats allowed
     */
    public ItemAvailability(String version, Mode mode, int[] items) {
        this.version = Objects.requireNonNull(version, "version");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.items = Arrays.stream(items).sorted().distinct().toArray();
    }

    public String version() {
        return version;
    }

    public Mode mode() {
        return mode;
    }

    /** How many distinct items the file lists. */
    public int size() {
        return items.length;
    }

    /** The listed item ids, ascending and distinct (a copy). */
    public int[] items() {
        return items.clone();
    }

    /** Whether every item may be recommended. */
    public boolean allowsAll() {
        return mode == Mode.DENY && items.length == 0;
    }

    /** Whether the item may be recommended. */
    public boolean allows(int itemId) {
        return (Arrays.binarySearch(items, itemId) >= 0) == (mode == Mode.ALLOW);
    }

    @Override
    public String toString() {
        return "availability " + version + " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ", " + items.length
                + " items)";
    }
}
