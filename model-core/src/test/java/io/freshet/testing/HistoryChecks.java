package io.freshet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshet.store.HistoryRecord;
import io.freshet.store.VersionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What every pointer history must be, however its moves raced: numbered 1..n and chained from each move to the next. */
public final class HistoryChecks {
    private HistoryChecks() {
    }

    /**
     * The records are numbered 1..n in order, each starts where the one before it left the pointer (so none is
     * missing or out of order), and the last leaves it where {@code pointer} is now.
     */
    public static void assertChained(List<HistoryRecord> records, Optional<VersionId> pointer, String when) {
        String left = null;
        for (int i = 0; i < records.size(); i++) {
            HistoryRecord r = records.get(i);
            assertEquals(i + 1, r.sequence(), "record " + i + " is numbered in order: " + when + "\n" + records);
            if (i > 0 && !Objects.equals(left, r.from())) {
                throw new AssertionError("record " + r.sequence() + " moves from " + r.from() + " but the one before "
                        + "left the pointer at " + left + ": " + when + "\n" + records);
            }
            left = r.to();
        }
        assertEquals(pointer.map(VersionId::value).orElse(null), left,
                "the last record leaves the pointer where it is: " + when + "\n" + records);
    }
}
