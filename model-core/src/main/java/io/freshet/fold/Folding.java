package io.freshet.fold;

import io.freshet.PrimitiveList;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.TrainedRatings;
import java.io.Serializable;

/**
 * Folds stream ratings into users' vectors for one served version: a known user's vector is re-solved from the
 * ratings the version was fitted on plus the user's stream ratings; a new user's from the stream ratings alone.
 * A stream rating of an item the user already rated in training replaces that training rating. Ratings of items
 * the version does not know cannot be folded: they stay in the state (a later version may know the item) and are
 * still excluded from the user's lists.
 */
public final class Folding implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String version;
    private final FactorMatrix items;
    private final FoldInSolver solver;
    private final TrainedRatings trained;

    public Folding(String version, FactorMatrix items, FoldInSolver solver, TrainedRatings trained) {
        this.version = version;
        this.items = items;
        this.solver = solver;
        this.trained = trained;
    }

    public String version() {
        return version;
    }

    public int rank() {
        return solver.rank();
    }

    /**
     * The user's state after {@code newItems}/{@code newRatings} (may be empty) arrived at {@code time}: stream
     * ratings merged (a re-rating replaces the earlier one), those this version was already fitted on dropped
     * when {@code previous} was folded against another version (the pointer moved), and the vector solved.
     */
    public FoldedUser fold(int user, FoldedUser previous, int[] newItems, float[] newRatings, long time) {
        PrimitiveList.Ints its = new PrimitiveList.Ints();
        PrimitiveList.Floats vals = new PrimitiveList.Floats();
        int row = trained.rowOf(user);
        if (previous != null) {
            boolean swapped = !version.equals(previous.version());
            for (int i = 0; i < previous.count(); i++) {
                int item = previous.items()[i];
                if (swapped && row >= 0 && trainedOn(row, item)) {
                    continue; // the new version was fitted on this rating: it is no longer the stream's
                }
                its.add(item);
                vals.add(previous.ratings()[i]);
            }
        }
        for (int n = 0; n < newItems.length; n++) {
            int at = indexOf(its, newItems[n]);
            if (at >= 0) {
                vals.set(at, newRatings[n]);
            } else {
                its.add(newItems[n]);
                vals.add(newRatings[n]);
            }
        }
        int[] streamItems = its.toArray();
        float[] streamRatings = vals.toArray();
        float[] vector = solve(row, streamItems, streamRatings);
        long active = previous == null ? time : Math.max(previous.lastActive(), time);
        return new FoldedUser(user, streamItems, streamRatings, vector, version, active);
    }

    private float[] solve(int row, int[] streamItems, float[] streamRatings) {
        PrimitiveList.Ints rows = new PrimitiveList.Ints();
        PrimitiveList.Floats vals = new PrimitiveList.Floats();
        if (row >= 0) {
            for (int i = trained.from(row); i < trained.to(row); i++) {
                int item = trained.item(i);
                int itemRow = items.rowOf(item);
                if (itemRow >= 0 && !contains(streamItems, item)) {
                    rows.add(itemRow);
                    vals.add(trained.rating(i));
                }
            }
        }
        for (int i = 0; i < streamItems.length; i++) {
            int itemRow = items.rowOf(streamItems[i]);
            if (itemRow >= 0) {
                rows.add(itemRow);
                vals.add(streamRatings[i]);
            }
        }
        if (rows.size() == 0) {
            return null;
        }
        return solver.solve(rows.toArray(), vals.toArray(), rows.size());
    }

    /** The vector of a user's training ratings alone (what the fit gave the user, to float rounding). */
    public float[] solveTrained(int user) {
        int row = trained.rowOf(user);
        return row < 0 ? null : solve(row, new int[0], new float[0]);
    }

    private boolean trainedOn(int row, int item) {
        return trained.contains(row, item);
    }

    private static int indexOf(PrimitiveList.Ints list, int value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
