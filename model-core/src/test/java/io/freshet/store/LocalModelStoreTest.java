package io.freshet.store;

import static io.freshet.store.StoreFixtures.read;
import static io.freshet.store.StoreFixtures.versionFiles;
import static io.freshet.store.StoreFixtures.writeFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the local file system, plus what only the local file system has. */
class LocalModelStoreTest extends ModelStoreContract {
    @TempDir
    java.nio.file.Path dir;

    @Override
    protected String newStoreLocation(String testName) {
        return dir.resolve(testName).toUri().toString();
    }

    @Override
    protected Configuration conf() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", QuietLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }

    @Override
    protected int concurrentRounds() {
        return 20;
    }

    @Test
    void aBarePathOpensAsAnAbsoluteLocalStore() {
        java.nio.file.Path local = dir.resolve("bare");
        ModelStore bare = ModelStore.open(local.toString(), conf());
        assertEquals("file", bare.uri().getScheme());
        assertEquals(local.toAbsolutePath().toString(), bare.uri().getPath());

        ModelStore.PendingVersion pending = bare.begin();
        writeFiles(bare.fileSystem(), pending.path(), versionFiles(1));
        VersionId id = bare.publish(pending, StoreFixtures.manifest(pending.id(), java.time.Instant.now(),
                Manifest.ACCEPTED));
        assertTrue(Files.isRegularFile(local.resolve("versions").resolve(id.value()).resolve("manifest.json")));
    }

    @Test
    void hadoopChecksumSideFilesAreNotListedInTheManifest() {
        VersionId id = publish();
        assertTrue(Files.exists(dir.resolve("hadoopChecksumSideFilesAreNotListedInTheManifest/versions")
                .resolve(id.value()).resolve(".factors.bin.crc")), "LocalFileSystem wrote a .crc side file");
        assertFalse(store.manifest(id).files().keySet().stream().anyMatch(name -> name.endsWith(".crc")));
        store.verify(id);
    }

    @Test
    void replacingThePointerRemovesAStaleHadoopChecksumSoHadoopCanStillReadIt() throws Exception {
        VersionId a = publish();
        VersionId b = publish();
        StoreFixtures.write(fs, new Path(root, "CURRENT"), a.value() + "\n");

        store.promote(b);

        assertEquals(Optional.of(b), store.pointer());
        assertArrayEquals((b.value() + "\n").getBytes(), read(fs.open(new Path(root, "CURRENT"))));
    }

    @Test
    void theStoreLayoutOnDiskIsAsDocumented() throws Exception {
        VersionId a = publish();
        store.promote(a);
        ModelStore.PendingVersion pending = store.begin();
        java.nio.file.Path storeDir = dir.resolve("theStoreLayoutOnDiskIsAsDocumented");

        assertEquals(List.of("CURRENT", "_tmp", "history", "versions"), list(storeDir));
        assertEquals(List.of("0000000001.json"), list(storeDir.resolve("history")));
        assertEquals(a.value() + "\n", Files.readString(storeDir.resolve("CURRENT")));
        assertEquals(List.of(a.value()), list(storeDir.resolve("versions")));
        String pendingName = pending.path().getName();
        assertEquals(List.of(pendingName, pendingName + ".lease"), list(storeDir.resolve("_tmp")));
        assertTrue(pendingName.matches(pending.id().value() + "\\.[0-9a-f]{8}"), pendingName);
    }

    private static List<String> list(java.nio.file.Path directory) throws java.io.IOException {
        try (var entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> !name.endsWith(".crc")).sorted()
                    .toList();
        }
    }

    @Test
    void aDanglingSymbolicLinkAsTheLockFailsAfterTheWaitInsteadOfSpinning() throws Exception {
        VersionId a = publish();
        java.nio.file.Path lock = java.nio.file.Path.of(store.uri()).resolve("_lock");
        java.nio.file.Files.createSymbolicLink(lock, lock.resolveSibling("nowhere"));
        StoreLockedException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20),
                () -> org.junit.jupiter.api.Assertions.assertThrows(StoreLockedException.class, () -> store.promote(a)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("cannot be read or taken"), e.getMessage());
    }
}
