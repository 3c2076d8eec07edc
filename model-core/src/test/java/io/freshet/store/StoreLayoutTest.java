package io.freshet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreLayoutTest {
    private static final StoreLayout LAYOUT = new StoreLayout(new Path("hdfs://nn:8020/models/store"));
    private static final VersionId ID = VersionId.parse("20261125T152000Z-3fa9c1");

    @Test
    void placesEverythingUnderTheRoot() {
        assertEquals("hdfs://nn:8020/models/store/versions/" + ID, LAYOUT.versionDir(ID).toString());
        assertEquals("hdfs://nn:8020/models/store/CURRENT", LAYOUT.pointerFile().toString());
        assertEquals("hdfs://nn:8020/models/store/_lock", LAYOUT.lockFile().toString());
    }

    @Test
    void temporaryNamesAreUniqueAndUnderTmp() {
        Path a = LAYOUT.newPendingDir(ID);
        Path b = LAYOUT.newPendingDir(ID);
        assertNotEquals(a, b);
        assertTrue(LAYOUT.isTemporary(a));
        assertTrue(a.getName().matches(ID + "\\.[0-9a-f]{8}"), a.getName());
        assertTrue(LAYOUT.newPointerTemp().getName().matches("CURRENT\\.[0-9a-f]{8}"));
        assertTrue(LAYOUT.newPrunedDir(ID).getName().matches(ID + "\\.[0-9a-f]{8}\\.pruned"));
        assertFalse(LAYOUT.isTemporary(LAYOUT.versionDir(ID)));
    }

    @Test
    void relativePathsIgnoreSchemeAndAuthority() {
        Path dir = new Path("hdfs://nn:8020/s/_tmp/x");
        assertEquals("als/metadata/part-0", StoreLayout.relativePath(dir, new Path("hdfs://nn/s/_tmp/x/als/metadata/part-0")));
        assertThrows(IllegalArgumentException.class, () -> StoreLayout.relativePath(dir, new Path("/s/_tmp/xy/f")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "a/../../b", "a//b", "./a", "dir/"})
    void fileInRefusesPathsThatLeaveTheVersion(String relative) {
        assertThrows(IllegalArgumentException.class, () -> StoreLayout.fileIn(LAYOUT.versionDir(ID), relative));
    }

    @Test
    void recognisesHadoopChecksumSideFiles() {
        assertTrue(StoreLayout.isChecksumSideFile(".part-00000.crc"));
        assertFalse(StoreLayout.isChecksumSideFile("part-00000.crc"));
        assertFalse(StoreLayout.isChecksumSideFile("_SUCCESS"));
    }
}
