package io.freshet.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * ratings/part-NNNNN.bin (docs/store-format.md): what is written reads back, and every corruption is refused with
 * a CorruptArtifactException naming the file and what is wrong.
 */
class TrainedRatingsFileTest {
    private static final String NAME = "version 20261125T152000Z-3fa9c1 file ratings/part-00003.bin";
    /** Byte offsets of the layout: magic 8, format 4, users 4, entries 8, then per user id, n, n items, n ratings. */
    private static final int FORMAT = 8;
    private static final int USERS = 12;
    private static final int ENTRIES = 16;
    private static final int FIRST_RECORD = 24;

    /** Users 3 (items 10, 12, 12, 40), 5 (item 7) and 9 (items 1, 2): seven entries. */
    private static TrainedRatings sample() {
        return new TrainedRatings(new int[] {3, 5, 9}, new int[] {0, 4, 5, 7}, new int[] {10, 12, 12, 40, 7, 1, 2},
                new float[] {4.5f, 1f, 2f, -0.5f, 5f, 3f, 0.25f});
    }

    private static byte[] bytes(TrainedRatings ratings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainedRatingsFile.write(ratings, out);
        return out.toByteArray();
    }

    private static TrainedRatings read(byte[] bytes) throws IOException {
        return TrainedRatingsFile.read(new ByteArrayInputStream(bytes), bytes.length, NAME);
    }

    private static void assertSame(TrainedRatings expected, TrainedRatings actual) {
        assertArrayEquals(expected.userIds(), actual.userIds());
        assertArrayEquals(expected.offsets(), actual.offsets());
        assertArrayEquals(expected.itemArray(), actual.itemArray());
        assertArrayEquals(expected.ratingArray(), actual.ratingArray());
    }

    @Test
    void whatIsWrittenReadsBack() throws IOException {
        byte[] bytes = bytes(sample());
        assertEquals(24 + 3 * 8 + 7 * 8 + 8, bytes.length, "header, 8 bytes per user and per entry, end marker");
        TrainedRatings back = read(bytes);
        assertSame(sample(), back);
        assertEquals(3, back.users());
        assertEquals(7, back.entries());
        int row = back.rowOf(3);
        assertEquals(0, back.from(row));
        assertEquals(4, back.to(row));
        assertTrue(back.contains(row, 12));
        assertFalse(back.contains(row, 7), "item 7 is user 5's");
        assertEquals(-1, back.rowOf(4));
        assertEquals(0.25f, back.rating(back.to(back.rowOf(9)) - 1));
    }

    @Test
    void anEmptyShardReadsBack() throws IOException {
        TrainedRatings back = read(bytes(TrainedRatings.empty()));
        assertEquals(0, back.users());
        assertEquals(0, back.entries());
    }

    /** The sample's bytes changed by {@code change}, read: the refusal's message. */
    private static String refusal(Consumer<ByteBuffer> change) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes(sample()));
        change.accept(buffer);
        return refusalOf(buffer.array(), buffer.array().length);
    }

    private static String refusalOf(byte[] bytes, long length) {
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> TrainedRatingsFile.read(new ByteArrayInputStream(bytes), length, NAME));
        assertTrue(e.getMessage().startsWith(NAME + ": "), e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    /** Offset of user {@code u}'s record in the sample (counts 4, 1, 2). */
    private static int record(int u) {
        int[] counts = {4, 1, 2};
        int at = FIRST_RECORD;
        for (int i = 0; i < u; i++) {
            at += 8 + 8 * counts[i];
        }
        return at;
    }

    @Test
    void aWrongMagicIsRefused() throws IOException {
        assertMentions(refusal(b -> b.put(0, (byte) 'X')), "not a Freshet trained-rating file (bad magic)");
    }

    @Test
    void anUnknownFormatIsRefused() throws IOException {
        assertMentions(refusal(b -> b.putInt(FORMAT, 2)), "binary format 2 is not supported");
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        byte[] whole = bytes(sample());
        byte[] cut = Arrays.copyOf(whole, whole.length - 5);
        assertMentions(refusalOf(cut, cut.length), "truncated", "declares " + whole.length + " bytes");
        // a stream that ends before the length it was said to have
        assertMentions(refusalOf(cut, whole.length), "truncated");
        assertMentions(refusalOf(Arrays.copyOf(whole, 20), 20), "truncated");
    }

    @Test
    void bytesAfterTheEndAreRefused() throws IOException {
        byte[] whole = bytes(sample());
        byte[] longer = Arrays.copyOf(whole, whole.length + 3);
        assertMentions(refusalOf(longer, longer.length), "bytes after its end marker");
        // a stream longer than the length it was said to have
        assertMentions(refusalOf(longer, whole.length), "bytes after its end marker");
    }

    @Test
    void aHeaderWhoseSizeIsNotTheFileLengthIsRefused() throws IOException {
        assertMentions(refusal(b -> b.putInt(USERS, 4)), "declares", "the file has");
        assertMentions(refusal(b -> b.putLong(ENTRIES, 6)), "declares", "the file has");
        assertMentions(refusal(b -> b.putLong(ENTRIES, 2)), "bad shape: 3 users, 2 entries");
        assertMentions(refusal(b -> b.putInt(USERS, -1)), "bad shape");
    }

    @Test
    void usersNotAscendingAreRefused() throws IOException {
        assertMentions(refusal(b -> b.putInt(record(1), 3)), "users not ascending at record 1");
        assertMentions(refusal(b -> b.putInt(record(2), 2)), "users not ascending at record 2");
    }

    @Test
    void itemsNotAscendingWithinAUserAreRefused() throws IOException {
        // user 3's items 10, 12, 12, 40 become 10, 12, 12, 11
        assertMentions(refusal(b -> b.putInt(record(0) + 8 + 3 * 4, 11)), "items of user 3 not ascending");
        // user 9's items 1, 2 become 3, 2 (ascending across users is not asked: only within one)
        assertMentions(refusal(b -> b.putInt(record(2) + 8, 3)), "items of user 9 not ascending");
    }

    @Test
    void aNonFiniteRatingIsRefused() throws IOException {
        int firstRatingOfUser5 = record(1) + 8 + 4;
        assertMentions(refusal(b -> b.putFloat(firstRatingOfUser5, Float.NaN)), "rating of user 5 is not finite");
        assertMentions(refusal(b -> b.putFloat(record(0) + 8 + 16 + 4, Float.NEGATIVE_INFINITY)),
                "rating of user 3 is not finite");
    }

    @Test
    void aCountThatOverrunsTheDeclaredEntriesIsRefused() throws IOException {
        assertMentions(refusal(b -> b.putInt(record(2) + 4, 3)), "user 9 has 3 ratings",
                "does not fit the 7 entries declared");
        assertMentions(refusal(b -> b.putInt(record(0) + 4, 8)), "user 3 has 8 ratings");
        assertMentions(refusal(b -> b.putInt(record(1) + 4, 0)), "user 5 has 0 ratings");
        assertMentions(refusal(b -> b.putInt(record(0) + 4, -1)), "user 3 has -1 ratings");
    }

    @Test
    void countsThatFallShortOfTheDeclaredEntriesAreRefused() throws IOException {
        // user 9 claims one rating: the file's last bytes are then read as what follows its records
        String message = refusal(b -> b.putInt(record(2) + 4, 1));
        assertTrue(message.contains("holds 6 entries, its header declares 7") || message.contains("end marker"),
                message);
    }

    @Test
    void concatJoinsShardsInOrder() {
        TrainedRatings a = new TrainedRatings(new int[] {1, 4}, new int[] {0, 2, 3}, new int[] {5, 6, 5},
                new float[] {1f, 2f, 3f});
        TrainedRatings b = new TrainedRatings(new int[] {7}, new int[] {0, 1}, new int[] {2}, new float[] {4f});
        TrainedRatings c = new TrainedRatings(new int[] {8, 20}, new int[] {0, 1, 3}, new int[] {9, 1, 3},
                new float[] {5f, 6f, 7f});
        TrainedRatings all = TrainedRatings.concat(List.of(a, TrainedRatings.empty(), b, c));
        assertArrayEquals(new int[] {1, 4, 7, 8, 20}, all.userIds());
        assertArrayEquals(new int[] {0, 2, 3, 4, 5, 7}, all.offsets());
        assertArrayEquals(new int[] {5, 6, 5, 2, 9, 1, 3}, all.itemArray());
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5f, 6f, 7f}, all.ratingArray());
        assertTrue(all.contains(all.rowOf(20), 3));
        assertFalse(all.contains(all.rowOf(8), 1), "item 1 is user 20's");
        assertSame(a, TrainedRatings.concat(List.of(a)));
        assertEquals(0, TrainedRatings.concat(List.of()).users());
    }

    @Test
    void concatRefusesAShardWhoseUsersDoNotFollow() {
        TrainedRatings first = new TrainedRatings(new int[] {1, 5}, new int[] {0, 1, 2}, new int[] {1, 1},
                new float[] {1f, 1f});
        TrainedRatings earlier = new TrainedRatings(new int[] {3}, new int[] {0, 1}, new int[] {1}, new float[] {1f});
        TrainedRatings same = new TrainedRatings(new int[] {5}, new int[] {0, 1}, new int[] {2}, new float[] {1f});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainedRatings.concat(List.of(first, earlier)));
        assertMentions(e.getMessage(), "strictly ascending");
        assertThrows(IllegalArgumentException.class, () -> TrainedRatings.concat(List.of(first, same)));
    }
}
