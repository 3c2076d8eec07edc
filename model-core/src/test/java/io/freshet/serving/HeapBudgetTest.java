package io.freshet.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader asks the heap before reading: a version larger than the free heap is refused, with nothing read. */
class HeapBudgetTest {
    @TempDir
    Path dir;

    @Test
    void aVersionLargerThanTheFreeHeapIsRefusedBeforeAnyFileIsReadAndOneThatFitsLoads() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
        VersionId v = ModelFixtures.publishCurrent(store, ModelFixtures.random(300, 200, 8, 5, 1));
        Manifest m = store.manifest(v);
        long files = m.files().get(ArtifactFiles.FACTORS).bytes() + m.files().get(ArtifactFiles.SEEN).bytes();
        long needed = ModelLoader.HEAP_PER_FILE_BYTE * files;

        Path factors = dir.resolve("store/versions/" + v.value() + "/" + ArtifactFiles.FACTORS);
        Files.delete(factors); // were the loader to read before asking, this would be a CorruptVersionException
        ModelTooLargeException e = assertThrows(ModelTooLargeException.class,
                () -> new ModelLoader(store, HeapBudget.fixed(needed - 1)).load(v));
        assertTrue(e.getMessage().contains("version " + v) && e.getMessage().contains("--driver-memory"),
                e.getMessage());

        VersionId fits = ModelFixtures.publishCurrent(store, ModelFixtures.random(300, 200, 8, 5, 2));
        assertEquals(fits.value(), new ModelLoader(store, HeapBudget.fixed(needed + 1)).load(fits).version());
    }
}
