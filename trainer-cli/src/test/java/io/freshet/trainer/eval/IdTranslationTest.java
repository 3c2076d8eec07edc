package io.freshet.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.FactorMatrix;
import io.freshet.data.RatingIds;
import io.freshet.ids.IdDictionary;
import io.freshet.ids.Ids;
import io.freshet.store.VersionId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A current version of mapped ids re-indexed into an int-id candidate's space: by id text, unknown ids dropped. */
class IdTranslationTest {
    private static final VersionId ID = VersionId.parse("20261201T043553Z-086a3a");

    /** Rows of rank 1 whose single factor is {@code 10 * index + 1}, so that where a row went shows. */
    private static FactorMatrix indexed(int n) {
        int[] ids = new int[n];
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            values[i] = 10 * i + 1;
        }
        return new FactorMatrix(1, ids, values);
    }

    @Test
    void twoIntSpacesAreLeftAlone() {
        CurrentVersion current = new CurrentVersion(ID, indexed(2), indexed(2), "als", Ids.INT, false);
        assertFalse(IdTranslation.needed(current, RatingIds.INT));
        assertSame(current, IdTranslation.into(current, RatingIds.INT));
    }

    @Test
    void stringIdsTakeTheIntOfTheirExactTextAndOthersAreDropped() {
        // ascending by UTF-8 bytes: "-4" < "007" < "12" < "7" < "x"
        Ids ids = Ids.of(IdDictionary.ofStrings(List.of("12", "7", "x", "007", "-4")),
                IdDictionary.ofStrings(List.of("3", "item")));
        CurrentVersion current = new CurrentVersion(ID, indexed(5), indexed(2), "als", ids, false);
        CurrentVersion translated = IdTranslation.into(current, RatingIds.INT);
        assertTrue(translated.translated());
        assertArrayEquals(new int[] {-4, 7, 12}, translated.users().ids());
        assertArrayEquals(new float[] {1, 31, 21}, translated.users().values());
        assertArrayEquals(new int[] {3}, translated.items().ids());
        assertArrayEquals(new float[] {1}, translated.items().values());
    }

    @Test
    void longIdsBeyondAnIntAreDropped() {
        Ids ids = Ids.of(IdDictionary.ofLongs(new long[] {-3_000_000_000L, 5, 2_147_483_647L, 3_000_000_000L}),
                IdDictionary.ofLongs(new long[] {1}));
        CurrentVersion current = new CurrentVersion(ID, indexed(4), indexed(1), "als", ids, false);
        CurrentVersion translated = IdTranslation.into(current, RatingIds.INT);
        assertArrayEquals(new int[] {5, 2_147_483_647}, translated.users().ids());
        assertArrayEquals(new float[] {11, 21}, translated.users().values());
    }
}
