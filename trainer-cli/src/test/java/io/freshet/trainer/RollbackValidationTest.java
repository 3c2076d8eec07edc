package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.cli.ExitCode;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollback checks a version as the predictor's loader would before moving the pointer: a version whose files
 * match its manifest but whose factor file the loader refuses is not promoted (exit 7).
 */
class RollbackValidationTest {
    @TempDir
    Path dir;

    @Test
    void aVersionTheLoaderRefusesIsNotPromotedByRollback() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
        VersionId good = ModelFixtures.publishCurrent(store, ModelFixtures.random(30, 20, 3, 2, 1));
        ModelStore.PendingVersion pending = store.begin();
        try (OutputStream out = store.fileSystem().create(new org.apache.hadoop.fs.Path(pending.path(),
                ArtifactFiles.FACTORS), false)) {
            out.write("NOTFRSHT: checksummed, but no factor file".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        try (OutputStream out = store.fileSystem().create(new org.apache.hadoop.fs.Path(pending.path(),
                ArtifactFiles.SEEN), false)) {
            out.write(new byte[16]);
        }
        VersionId bad = store.publish(pending, ModelFixtures.manifest(pending.id(),
                ModelFixtures.random(30, 20, 3, 2, 1), Manifest.ACCEPTED));
        store.verify(bad); // every file matches the manifest

        CliRun r = CliRun.trainer("rollback", "--store", dir.resolve("store").toString(), bad.value());

        assertEquals(ExitCode.CORRUPT_MODEL, r.code(), r.toString());
        assertTrue(r.err().contains(bad.value()) && r.err().contains(ArtifactFiles.FACTORS), r.err());
        assertEquals(Optional.of(good), store.pointer(), "the pointer stays on what the predictor can serve");
    }
}
