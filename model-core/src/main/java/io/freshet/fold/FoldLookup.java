package io.freshet.fold;

/** Reads the fold-in state of users: what a streaming engine's state store (or transform's map) holds. */
@FunctionalInterface
public interface FoldLookup {
    /** No state: nothing folded yet. */
    FoldLookup NONE = user -> null;

    /** The user's state, or null when the user has none. */
    FoldedUser get(int user);
}
