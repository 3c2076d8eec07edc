package io.freshet.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FoldedUsers}: a batch's changes replace users' state, idle users and those over the bound go. */
class FoldedUsersTest {
    private static final long DAY = 86_400_000L;

    private static FoldedUser user(int id, long lastActive) {
        return new FoldedUser(id, new int[] {id * 10}, new float[] {4f}, new float[] {1f, 2f}, "v1", lastActive);
    }

    @Test
    void aBatchReplacesItsUsersAndLeavesTheEarlierStateAsItWas() {
        FoldedUsers before = FoldedUsers.empty().next(List.of(user(1, 100), user(2, 100)), 100, DAY, 10);
        FoldedUser newer = new FoldedUser(1, new int[] {10, 11}, new float[] {4f, 5f}, new float[] {3f, 4f}, "v1",
                200);
        FoldedUsers after = before.next(List.of(newer, user(3, 200)), 200, DAY, 10);
        assertEquals(3, after.size());
        assertSame(newer, after.get(1));
        assertEquals(2, before.size(), "the earlier value is unchanged");
        assertEquals(1, before.get(1).count());
        assertNull(before.get(3));
        assertEquals(0, after.evicted());
    }

    @Test
    void usersIdleLongerThanTheTimeoutGoAndAreCounted() {
        FoldedUsers state = FoldedUsers.empty().next(List.of(user(1, 0), user(2, 5 * DAY)), 5 * DAY, 30 * DAY, 10);
        FoldedUsers later = state.next(List.of(), 30 * DAY + 1, 30 * DAY, 10);
        assertNull(later.get(1), "idle for 30 days and a millisecond");
        assertEquals(user(2, 5 * DAY).user(), later.get(2).user());
        assertEquals(1, later.evicted());
        assertEquals(1, later.size());
    }

    @Test
    void overTheBoundTheLeastRecentlyActiveGoFirstAndTiesDropTheHigherId() {
        List<FoldedUser> five = List.of(user(5, 300), user(1, 100), user(2, 100), user(3, 200), user(4, 400));
        FoldedUsers three = FoldedUsers.empty().next(five, 400, DAY, 3);
        assertEquals(List.of(3, 4, 5), ids(three));
        assertEquals(2, three.evicted());
        FoldedUsers four = FoldedUsers.empty().next(five, 400, DAY, 4);
        assertEquals(List.of(1, 3, 4, 5), ids(four), "users 1 and 2 tie; the higher id goes");
        assertEquals(1, four.evicted());
    }

    private static List<Integer> ids(FoldedUsers state) {
        return state.states().stream().map(FoldedUser::user).sorted().toList();
    }

    @Test
    void aRestoredStateKeepsTheMostRecentOfAUserGivenTwice() {
        FoldedUsers state = FoldedUsers.of(List.of(user(1, 100), user(1, 300), user(1, 200), user(2, 50)));
        assertEquals(2, state.size());
        assertEquals(300, state.get(1).lastActive());
        assertThrows(IllegalArgumentException.class, () -> state.next(List.of(), 0, DAY, -1));
    }

    @Test
    void itSurvivesJavaSerialization() throws Exception {
        FoldedUsers state = FoldedUsers.empty().next(List.of(user(1, 100), user(2, 100)), 100, DAY, 10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            FoldedUsers copy = (FoldedUsers) in.readObject();
            assertEquals(2, copy.size());
            assertEquals(20, copy.get(2).items()[0]);
        }
    }
}
