package io.freshet.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.CorruptVersionException;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file that fails the Hadoop file system's own checksum (a .crc file beside it, as the local file system
 * and HDFS keep) is a corrupt version, exit 7: not "store unreachable", which would make every later fit fail on
 * the current version until a rollback.
 */
class ChecksumErrorTest {
    @TempDir
    Path dir;

    @Test
    void aFileFailingTheFileSystemChecksumIsACorruptVersion() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("store").toUri().toString(), new Configuration());
        VersionId v = ModelFixtures.publishCurrent(store, ModelFixtures.random(50, 40, 4, 3, 1));
        Path factors = dir.resolve("store/versions/" + v + "/" + ArtifactFiles.FACTORS);
        assertTrue(Files.exists(factors.resolveSibling("." + ArtifactFiles.FACTORS + ".crc")),
                "the local file system keeps a checksum file");
        try (RandomAccessFile f = new RandomAccessFile(factors.toFile(), "rw")) {
            f.seek(100);
            int b = f.read();
            f.seek(100);
            f.write(b ^ 0x55);
        }
        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> new ModelLoader(store).load(v));
        assertTrue(e.getMessage().contains("checksum") && e.getMessage().contains(ArtifactFiles.FACTORS),
                e.getMessage());
        assertEquals(v, store.current().orElseThrow(), "the version is still listed; the loader refuses to serve it");
    }
}
