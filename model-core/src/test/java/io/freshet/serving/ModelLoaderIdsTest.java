package io.freshet.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.CorruptVersionException;
import io.freshet.artifact.IdDictionaryFile;
import io.freshet.artifact.ModelArtifact;
import io.freshet.ids.IdDictionary;
import io.freshet.ids.IdKind;
import io.freshet.ids.Ids;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModelLoader and a version of mapped ids (format 2, ids/users.bin and ids/items.bin), on a real local store. */
class ModelLoaderIdsTest {
    @TempDir
    Path dir;

    private final ModelArtifact artifact = ModelFixtures.random(20, 30, 4, 3, 5); // ids 1..n

    private static IdDictionary names(String prefix, int n) {
        return IdDictionary.ofStrings(IntStream.rangeClosed(0, n).mapToObj(k -> prefix + (1000 + k)).toList());
    }

    @Test
    void loadsTheDictionariesAndAnswersInTheInputsIds() {
        ModelStore store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
        Ids ids = Ids.of(names("user-", 20), names("item-", 30));
        VersionId id = ModelFixtures.publish(store, artifact, ids);
        assertEquals(2, store.manifest(id).formatVersion());
        assertEquals(IdKind.STRING, store.manifest(id).idKind());
        ServingModel model = new ModelLoader(store).load(id);
        assertEquals(ids, model.ids());
        assertNull(model.folding(), "a mapped-id version does not fold");
        String record = new EventProcessor(3, true).process(model, List.of("{\"user\":\"user-1004\"}")).outputJson()
                .get(0);
        assertTrue(record.startsWith("{\"user\":\"user-1004\",\"items\":[{\"item\":\"item-10"), record);
    }

    @Test
    void anIndexOutsideItsDictionaryOrAnAlteredDictionaryIsACorruptVersion() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("store").toString(), new Configuration());
        VersionId small = ModelFixtures.publish(store, artifact, Ids.of(names("user-", 20), names("item-", 10)));
        CorruptVersionException outside = assertThrows(CorruptVersionException.class,
                () -> new ModelLoader(store).load(small));
        assertTrue(outside.getMessage().contains("file factors.bin: item index 30 is outside its dictionary (11 ids)"),
                outside.getMessage());

        VersionId altered = ModelFixtures.publish(store, artifact, Ids.of(names("user-", 20), names("item-", 30)));
        Path items = Path.of(store.versionPath(altered).toUri()).resolve(IdDictionaryFile.ITEMS);
        try (RandomAccessFile f = new RandomAccessFile(items.toFile(), "rw")) {
            f.seek(32);
            f.write('X');
        }
        items.resolveSibling(".items.bin.crc").toFile().delete(); // past the file system's own checksum
        CorruptVersionException mismatch = assertThrows(CorruptVersionException.class,
                () -> new ModelLoader(store).load(altered));
        assertTrue(mismatch.getMessage().contains("file ids/items.bin: checksum mismatch"), mismatch.getMessage());
    }
}
