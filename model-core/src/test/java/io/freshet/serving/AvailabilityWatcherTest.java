package io.freshet.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.freshet.availability.AvailabilityFile;
import io.freshet.availability.ItemAvailability;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The availability watcher on a real local store: validate, then swap; a bad file never replaces a good one. */
class AvailabilityWatcherTest {
    @TempDir
    Path dir;

    private static byte[] deny(int... items) {
        return AvailabilityFile.write(ItemAvailability.Mode.DENY, items);
    }

    @Test
    void servesTheNewestValidFileAndKeepsItWhenANewerOneIsInvalid() {
        ModelStore store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
        AvailabilityWatcher watcher = new AvailabilityWatcher(store);
        assertSame(ItemAvailability.ALL, watcher.start(), "no file: every item");
        assertEquals(ModelWatcher.Outcome.NO_MODEL, watcher.pollOnce());

        VersionId first = store.publishAvailability(deny(1, 2));
        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        assertEquals(first.value(), watcher.served().version());
        assertArrayEquals(new int[] {1, 2}, watcher.served().items());
        assertEquals(ModelWatcher.Outcome.UNCHANGED, watcher.pollOnce());

        store.publishAvailability("{\"formatVersion\":1,\"mode\":\"deny\",\"items\":[1,".getBytes(StandardCharsets.UTF_8));
        assertEquals(ModelWatcher.Outcome.FAILED, watcher.pollOnce());
        assertEquals(first.value(), watcher.served().version(), "the valid file stays served");
        assertEquals(ModelWatcher.Outcome.FAILED, watcher.pollOnce(), "tried again at each poll");

        VersionId fixed = store.publishAvailability(deny(7));
        assertEquals(ModelWatcher.Outcome.SWAPPED, watcher.pollOnce());
        assertEquals(fixed.value(), watcher.served().version());

        store.publishAvailability("not json".getBytes(StandardCharsets.UTF_8));
        AvailabilityWatcher restarted = new AvailabilityWatcher(store);
        assertEquals(fixed.value(), restarted.start().version(), "a start skips an invalid newest file");
    }
}
