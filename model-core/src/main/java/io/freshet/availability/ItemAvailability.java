package io.freshet.availability;

import io.freshet.PrimitiveList;
import io.freshet.ids.IdKind;
import io.freshet.ids.Ids;
import java.util.List;

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
    /** The listed ids as text when some is not a 32-bit integer (a catalogue of 64-bit or string ids), else null. */
    private final String[] names;

    /**
     * @param version the availability file's id
     * @param items   item ids, any order, repeats allowed
     */
    public ItemAvailability(String version, Mode mode, int[] items) {
        this.version = Objects.requireNonNull(version, "version");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.items = Arrays.stream(items).sorted().distinct().toArray();
        this.names = null;
    }

    private ItemAvailability(String version, Mode mode, String[] names) {
        this.version = Objects.requireNonNull(version, "version");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.items = new int[0];
        this.names = Arrays.stream(names).sorted().distinct().toArray(String[]::new);
    }

    /**
     * The items listed by their ids as text (docs/store-format.md, "Item availability"): 32-bit integers are held as
     * ints, as a file of int ids always was; a list with any other id (a 64-bit number, a string) is held as text and
     * turned into a version's indices by {@link #resolvedFor}.
     */
    public static ItemAvailability ofIds(String version, Mode mode, List<String> ids) {
        int[] ints = new int[ids.size()];
        for (int i = 0; i < ints.length; i++) {
            Integer v = int32(ids.get(i));
            if (v == null) {
                return new ItemAvailability(version, mode, ids.toArray(String[]::new));
            }
            ints[i] = v;
        }
        return new ItemAvailability(version, mode, ints);
    }

    /**
     * This availability in the id space of a served version: itself for int ids (an id that is not a 32-bit integer
     * names no item there and is left out); for a version of 64-bit or string ids, the dictionary indices of the
     * listed ids the version knows (the others name no item it can list).
     */
    public ItemAvailability resolvedFor(Ids ids) {
        if (!ids.mapped()) {
            if (names == null) {
                return this;
            }
            return new ItemAvailability(version, mode, Arrays.stream(names).map(ItemAvailability::int32)
                    .filter(Objects::nonNull).mapToInt(Integer::intValue).toArray());
        }
        String[] texts = names != null ? names : Arrays.stream(items).mapToObj(Integer::toString).toArray(String[]::new);
        PrimitiveList.Ints indices = new PrimitiveList.Ints(texts.length);
        for (String text : texts) {
            int index = -1;
            if (ids.kind() == IdKind.STRING) {
                index = ids.items().indexOf(text);
            } else {
                Long id = Ids.canonicalLong(text);
                index = id == null ? -1 : ids.items().indexOf(id); // not a 64-bit id: no item of this version
            }
            if (index >= 0) {
                indices.add(index);
            }
        }
        return new ItemAvailability(version, mode, indices.toArray());
    }

    /** The listed ids as text, ascending as held (ints in numeric order). */
    public List<String> ids() {
        return names != null ? List.of(names) : Arrays.stream(items).mapToObj(Integer::toString).toList();
    }

    private static Integer int32(String text) {
        Long v = Ids.canonicalLong(text);
        return v != null && v == v.intValue() ? v.intValue() : null;
    }

    public String version() {
        return version;
    }

    public Mode mode() {
        return mode;
    }

    /** How many distinct items the file lists. */
    public int size() {
        return names != null ? names.length : items.length;
    }

    /** The listed item ids, ascending and distinct (a copy). */
    public int[] items() {
        return items.clone();
    }

    /** Whether every item may be recommended. */
    public boolean allowsAll() {
        return mode == Mode.DENY && size() == 0;
    }

    /** Whether the item may be recommended. */
    public boolean allows(int itemId) {
        return (Arrays.binarySearch(items, itemId) >= 0) == (mode == Mode.ALLOW);
    }

    @Override
    public String toString() {
        return "availability " + version + " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ", " + size()
                + " items)";
    }
}
