package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.availability.AvailabilityFile;
import io.freshet.availability.ItemAvailability;
import io.freshet.cli.ExitCode;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trainer availability}: publishes an allow- or deny-list from a file of ids; refuses a bad line (exit 3). */
class AvailabilityCommandTest {
    @TempDir
    Path dir;

    @Test
    void publishesADenyListThenAnAllowListNewestLast() throws Exception {
        String store = dir.resolve("store").toString();
        Path deny = Files.write(dir.resolve("deny.txt"), List.of("# out of stock", "42", "", " 7 ", "42"));
        CliRun first = CliRun.trainer("availability", "--store", store, "--deny", deny.toString());
        assertEquals(0, first.code(), first.toString());
        Path allow = Files.write(dir.resolve("allow.txt"), List.of("1", "2", "-3"));
        CliRun second = CliRun.trainer("availability", "--store", store, "--allow", allow.toString());
        assertEquals(0, second.code(), second.toString());

        ModelStore modelStore = ModelStore.open(store, new Configuration());
        List<VersionId> ids = modelStore.availabilityIds();
        assertEquals(List.of(first.out().strip(), second.out().strip()), ids.stream().map(VersionId::value).toList(),
                "each run prints the id it published");
        ItemAvailability denied = AvailabilityFile.read(modelStore.readAvailability(ids.get(0)), "", "first");
        assertEquals(ItemAvailability.Mode.DENY, denied.mode());
        assertArrayEquals(new int[] {7, 42}, denied.items());
        ItemAvailability allowed = AvailabilityFile.read(modelStore.readAvailability(ids.get(1)), "", "second");
        assertEquals(ItemAvailability.Mode.ALLOW, allowed.mode());
        assertArrayEquals(new int[] {-3, 1, 2}, allowed.items());
    }

    @Test
    void stringAndSixtyFourBitIdsArePublishedAsTheyAreWritten() throws Exception {
        String store = dir.resolve("store").toString();
        Path list = Files.write(dir.resolve("skus.txt"), List.of("sku-9", "3000000000", " 0042 "));
        CliRun r = CliRun.trainer("availability", "--store", store, "--deny", list.toString());
        assertEquals(0, r.code(), r.toString());
        ModelStore modelStore = ModelStore.open(store, new Configuration());
        ItemAvailability denied = AvailabilityFile.read(modelStore.readAvailability(
                modelStore.availabilityIds().get(0)), "", "first");
        assertEquals(List.of("0042", "3000000000", "sku-9"), denied.ids());
    }

    @Test
    void aLineThatIsNotAnIdIsBadInputNamingFileAndLineAndNothingIsPublished() throws Exception {
        String store = dir.resolve("store").toString();
        Path bad = Files.write(dir.resolve("bad.txt"), List.of("1", "sku-9", "x".repeat(300)));
        CliRun r = CliRun.trainer("availability", "--store", store, "--deny", bad.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains(bad + ":3: an item id is at most 256 bytes of UTF-8, this one has 300"), r.err());
        assertEquals(List.of(), ModelStore.open(store, new Configuration()).availabilityIds());

        CliRun both = CliRun.trainer("availability", "--store", store, "--deny", bad.toString(), "--allow",
                bad.toString());
        assertEquals(ExitCode.USAGE, both.code(), both.toString());
        CliRun missing = CliRun.trainer("availability", "--store", store, "--deny", dir.resolve("none").toString());
        assertEquals(ExitCode.BAD_INPUT, missing.code(), missing.toString());
    }
}
