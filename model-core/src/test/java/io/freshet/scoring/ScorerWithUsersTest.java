package io.freshet.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** {@link Scorer#withUsers}: the same lists and scores as a scorer built from scratch, on the item layout it shares. */
class ScorerWithUsersTest {
    private static final int RANK = 10;
    private final FactorMatrix users = Factors.gaussian(57, RANK, 61);
    private final FactorMatrix items = Factors.gaussian(1003, RANK, 62);
    private final SeenItems seen = Factors.seen(users, items, 0.05, 63);

    private static FactorMatrix noUsers() {
        return new FactorMatrix(RANK, new int[0], new float[0]);
    }

    private static void assertSameScoring(Scorer want, Scorer got, int users, int items) {
        int[] rows = Factors.allRows(users);
        for (boolean excludeSeen : new boolean[] {false, true}) {
            assertArrayEquals(want.topN(rows, 10, excludeSeen), got.topN(rows, 10, excludeSeen),
                    "excludeSeen=" + excludeSeen);
        }
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i += 37) {
                assertEquals(want.score(u, i), got.score(u, i), "user row " + u + " item row " + i);
            }
        }
        assertEquals(want.seenEntries(), got.seenEntries());
    }

    @Test
    void withUsersOnAnItemOnlyScorerEqualsAScorerBuiltFromScratch() {
        Scorer itemSide = Scorer.create(noUsers(), items, SeenItems.empty());
        Scorer derived = itemSide.withUsers(users, seen);
        assertSameScoring(Scorer.create(users, items, seen), derived, users.size(), items.size());
        assertEquals(users.size(), derived.users());
        assertEquals(0, itemSide.users(), "the item-side scorer keeps its own (no) users");
    }

    @Test
    void withUsersSharesTheItemLayoutInsteadOfRebuildingIt() {
        Scorer itemSide = Scorer.create(noUsers(), items, SeenItems.empty());
        assertSame(itemSide.layout(), itemSide.withUsers(users, seen).layout());
    }

    @Test
    void withUsersAfterDeserializationBuildsTheLayoutOnceAndSharesIt() throws Exception {
        Scorer copy = roundTrip(Scorer.create(noUsers(), items, SeenItems.empty()));
        Scorer first = copy.withUsers(users, seen);
        Scorer second = copy.withUsers(users, SeenItems.empty());
        assertSame(first.layout(), second.layout());
        assertSame(copy.layout(), first.layout());
        assertSameScoring(Scorer.create(users, items, seen), first, users.size(), items.size());
    }

    @Test
    void aSubsetOfUsersGetsTheListsTheFullScorerGivesThem() {
        Scorer full = Scorer.create(users, items, seen);
        int[] pick = {3, 4, 20, 56};
        int[] ids = new int[pick.length];
        float[] values = new float[pick.length * RANK];
        for (int k = 0; k < pick.length; k++) {
            ids[k] = users.id(pick[k]);
            System.arraycopy(users.values(), pick[k] * RANK, values, k * RANK, RANK);
        }
        Scorer subset = full.withUsers(new FactorMatrix(RANK, ids, values), seen);
        for (int k = 0; k < pick.length; k++) {
            assertEquals(full.topN(pick[k], 10, true), subset.topN(subset.userRow(ids[k]), 10, true), "user " + ids[k]);
        }
    }

    @Test
    void foldedUsersExcludeTheirTrainedSeenItemsAndTheExtraOnesAsAUnionBuiltFromIdsWould() {
        Scorer full = Scorer.create(users, items, seen);
        // two known users (one without trained seen items, if any) and one the model does not know, in id order
        int[] ids = {users.id(2), users.id(9), 1_000_000};
        FactorMatrix folded = new FactorMatrix(RANK, ids, Factors.gaussian(ids.length, RANK, 64).values());
        int known = items.id(5);
        int[][] extra = {
            {items.id(40), items.id(7), items.id(40), 999_999}, // unsorted, a repeat, an unknown item
            {},
            {known, items.id(1000)},
        };
        for (boolean trainedSeen : new boolean[] {true, false}) {
            int[] offsets = new int[ids.length + 1];
            java.util.List<Integer> union = new java.util.ArrayList<>();
            for (int u = 0; u < ids.length; u++) {
                java.util.TreeSet<Integer> all = new java.util.TreeSet<>();
                for (int item : extra[u]) {
                    all.add(item);
                }
                if (trainedSeen) {
                    for (int item : seen.itemsOf(ids[u])) {
                        all.add(item);
                    }
                }
                union.addAll(all);
                offsets[u + 1] = union.size();
            }
            SeenItems fromIds = new SeenItems(ids, offsets, union.stream().mapToInt(Integer::intValue).toArray());
            Scorer want = full.withUsers(folded, fromIds);
            Scorer got = full.withUsers(folded, extra, trainedSeen);
            assertArrayEquals(want.topN(Factors.allRows(ids.length), 10, true),
                    got.topN(Factors.allRows(ids.length), 10, true), "trainedSeen=" + trainedSeen);
            assertEquals(want.seenEntries(), got.seenEntries(), "trainedSeen=" + trainedSeen);
            for (int u = 0; u < ids.length; u++) {
                assertArrayEquals(want.seenItemIds(u), got.seenItemIds(u), "user " + ids[u]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> full.withUsers(folded, new int[ids.length - 1][], true),
                "one extra list per user");
    }

    @Test
    void withUsersRefusesAnotherRank() {
        Scorer itemSide = Scorer.create(noUsers(), items, SeenItems.empty());
        assertThrows(IllegalArgumentException.class,
                () -> itemSide.withUsers(Factors.gaussian(3, RANK + 1, 1), SeenItems.empty()));
    }

    private static Scorer roundTrip(Scorer scorer) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(scorer);
        }
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            return (Scorer) objects.readObject();
        }
    }
}
