package io.freshet.fold;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * The fold-in state of a set of users (a streaming engine keeps one per partition of its users), as one immutable
 * value: a batch reads it and gives the next one with {@link #next}. Kept whole rather than as one record per user
 * because an engine that caches it (Spark's block store) then sizes and stores one object, not one per user; the
 * next value copies the table (a few nanoseconds a user), which costs far less than the batch.
 */
public final class FoldedUsers implements FoldLookup, Serializable {
    private static final long serialVersionUID = 1L;
    private static final FoldedUsers EMPTY = new FoldedUsers(new HashMap<>(), 0);

    private final HashMap<Integer, FoldedUser> users; // never changed once built
    private final int evicted;

    private FoldedUsers(HashMap<Integer, FoldedUser> users, int evicted) {
        this.users = users;
        this.evicted = evicted;
    }

    public static FoldedUsers empty() {
        return EMPTY;
    }

    /** The state of the given users (a restored snapshot); a user given twice keeps its most recent state. */
    public static FoldedUsers of(Collection<FoldedUser> states) {
        HashMap<Integer, FoldedUser> users = new HashMap<>(Math.max(16, states.size() * 4 / 3 + 1));
        for (FoldedUser state : states) {
            users.merge(state.user(), state, (a, b) -> b.lastActive() >= a.lastActive() ? b : a);
        }
        return new FoldedUsers(users, 0);
    }

    @Override
    public FoldedUser get(int user) {
        return users.get(user);
    }

    public int size() {
        return users.size();
    }

    /** How many users the batch that made this state dropped (idle, or over the bound). */
    public int evicted() {
        return evicted;
    }

    /** Every user's state, in no particular order. */
    public List<FoldedUser> states() {
        return List.copyOf(users.values());
    }

    /**
     * The state after a batch at {@code time}: this one with the batch's changed users replaced, less the users
     * idle for longer than {@code idleTimeoutMs} and then, beyond {@code maxUsers}, the least recently active
     * (ties: the higher user id goes first). This value is left as it was.
     */
    public FoldedUsers next(Collection<FoldedUser> changed, long time, long idleTimeoutMs, int maxUsers) {
        if (maxUsers < 0) {
            throw new IllegalArgumentException("maxUsers must not be negative, got " + maxUsers);
        }
        HashMap<Integer, FoldedUser> next = new HashMap<>(users);
        for (FoldedUser user : changed) {
            next.put(user.user(), user);
        }
        int before = next.size();
        next.values().removeIf(u -> time - u.lastActive() > idleTimeoutMs);
        if (next.size() > maxUsers) {
            List<FoldedUser> byRecency = new ArrayList<>(next.values());
            byRecency.sort(Comparator.comparingLong(FoldedUser::lastActive).reversed()
                    .thenComparingInt(FoldedUser::user));
            for (FoldedUser gone : byRecency.subList(maxUsers, byRecency.size())) {
                next.remove(gone.user());
            }
        }
        return new FoldedUsers(next, before - next.size());
    }

    @Override
    public String toString() {
        return "FoldedUsers[" + users.size() + " users, " + evicted + " dropped]";
    }
}
