package io.freshet.events;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A request's business rules (docs/events.md, "Rules"): item ids never to list ({@code "exclude"}), and the
 * candidate set, the only item ids that may be listed ({@code "include"}; null when the event has none, which
 * allows every item). Immutable.
 */
public record ItemRules(int[] exclude, int[] include) implements Serializable {
    /** No rules. */
    public static final ItemRules NONE = new ItemRules(new int[0], null);

    public ItemRules {
        exclude = exclude.clone();
        include = include == null ? null : include.clone();
    }

    /** Whether these rules allow every item. */
    public boolean isNone() {
        return exclude.length == 0 && include == null;
    }

    @Override
    public int[] exclude() {
        return exclude.clone();
    }

    @Override
    public int[] include() {
        return include == null ? null : include.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ItemRules that && Arrays.equals(exclude, that.exclude)
                && Arrays.equals(include, that.include);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(exclude) + Arrays.hashCode(include);
    }

    @Override
    public String toString() {
        return "ItemRules[exclude=" + Arrays.toString(exclude) + ", include=" + Arrays.toString(include) + "]";
    }
}
