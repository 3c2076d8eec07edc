package io.freshet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.CorruptVersionException;
import io.freshet.Sha256;
import io.freshet.testing.StoreEdits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunk digests in the manifest (docs/store-format.md, "Manifest"): the store lists the SHA-256 of every chunk of
 * every file at publish, for files written through the draft and files read at publish alike; they match a
 * recomputation from the published bytes; a range read through {@link CheckedRange} hands out exactly the range
 * and fails on a changed byte naming the chunk; a manifest written before chunk digests reads and verifies as before.
 */
class ChunkDigestsTest {
    private static final int CHUNK = 1024;

    @TempDir
    java.nio.file.Path dir;

    private ModelStore store;

    @BeforeEach
    void open() {
        store = ModelStore.open(dir.resolve("store").toString(), new Configuration(),
                StoreSettings.defaults().withChunkBytes(CHUNK));
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /** Recomputed from the bytes, independently of the store's code: the SHA-256 of each run of CHUNK bytes. */
    private static List<String> chunksOf(byte[] bytes) {
        List<String> chunks = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += CHUNK) {
            chunks.add(Sha256.hex(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + CHUNK))));
        }
        return chunks;
    }

    /** Files of 0 bytes, under one chunk, exactly one, one and a byte, and several with a partial last one. */
    private static Map<String, byte[]> files() {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("empty.bin", new byte[0]);
        files.put("small.bin", random(CHUNK / 3, 1));
        files.put("one.bin", random(CHUNK, 2));
        files.put("oneAndAByte.bin", random(CHUNK + 1, 3));
        files.put("several.bin", random(CHUNK * 4 + 100, 4));
        return files;
    }

    private VersionId publish(Map<String, byte[]> throughCreate, Map<String, byte[]> byHand) throws IOException {
        ModelStore.PendingVersion pending = store.begin();
        for (Map.Entry<String, byte[]> f : throughCreate.entrySet()) {
            try (OutputStream out = pending.create(f.getKey())) {
                byte[] b = f.getValue();
                // in uneven writes, one of them a single byte, so chunk boundaries fall inside writes
                int first = Math.min(b.length, 700);
                out.write(b, 0, first);
                if (first < b.length) {
                    out.write(b[first]);
                    out.write(b, first + 1, b.length - first - 1);
                }
            }
        }
        for (Map.Entry<String, byte[]> f : byHand.entrySet()) {
            StoreFixtures.write(store.fileSystem(), new Path(pending.path(), "als/" + f.getKey()), f.getValue());
        }
        return store.publish(pending, StoreFixtures.manifest(pending.id(), Instant.now(), Manifest.ACCEPTED));
    }

    @Test
    void everyFileIsListedWithTheDigestsOfItsChunksAsWrittenAndAsReadAtPublish() throws IOException {
        Map<String, byte[]> files = files();
        VersionId id = publish(files, files);
        Map<String, Manifest.FileEntry> listed = store.manifest(id).files();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            for (String name : List.of(f.getKey(), "als/" + f.getKey())) {
                Manifest.FileEntry entry = listed.get(name);
                assertEquals(Long.valueOf(CHUNK), entry.chunkBytes(), name);
                assertEquals(chunksOf(f.getValue()), entry.chunks(), name);
                assertEquals(Sha256.hex(f.getValue()), entry.sha256(), name);
            }
        }
        assertEquals(List.of(), listed.get("empty.bin").chunks(), "an empty file has no chunk");
        assertEquals(List.of(Sha256.hex(files.get("one.bin"))), listed.get("one.bin").chunks());
        assertEquals(5, listed.get("several.bin").chunks().size());
        String json = Files.readString(local(id).resolve("manifest.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"chunkBytes\" : 1024"), json);
        store.verify(id);
    }

    @Test
    void aCheckedRangeHandsOutExactlyItsBytesAndFailsOnAChangedByteNamingTheChunk() throws IOException {
        byte[] several = files().get("several.bin");
        VersionId id = publish(Map.of("several.bin", several), Map.of());
        Manifest.FileEntry entry = store.manifest(id).files().get("several.bin");
        Path file = new Path(store.versionPath(id), "several.bin");
        for (long[] range : new long[][] {{0, several.length}, {5, 6}, {CHUNK - 1, CHUNK + 1}, {CHUNK * 2, CHUNK * 3},
                {CHUNK * 4 + 50, several.length}, {300, 300}}) {
            try (InputStream in = CheckedRange.open(store.fileSystem(), file, entry, range[0], range[1], "several")) {
                assertTrue(Arrays.equals(Arrays.copyOfRange(several, (int) range[0], (int) range[1]), in.readAllBytes()),
                        range[0] + ".." + range[1]);
            }
        }

        flipByte(id, "several.bin", CHUNK * 2 + 10);
        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> {
            try (InputStream in = CheckedRange.open(store.fileSystem(), file, entry, CHUNK * 3 - 1, CHUNK * 3, "v f")) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().startsWith("v f: chunk 2 (bytes 2048..3072) has sha256 "), e.getMessage());
        try (InputStream in = CheckedRange.open(store.fileSystem(), file, entry, CHUNK * 3, CHUNK * 4, "v f")) {
            assertEquals(CHUNK, in.readAllBytes().length, "the chunks around the changed one still read");
        }
        CorruptVersionException verify = assertThrows(CorruptVersionException.class, () -> store.verify(id));
        assertTrue(verify.getMessage().contains("several.bin"), verify.getMessage());
    }

    @Test
    void aManifestWrittenBeforeChunkDigestsReadsAndVerifiesAsBefore() throws IOException {
        Map<String, byte[]> files = files();
        VersionId id = publish(files, Map.of());
        StoreEdits.dropChunkDigests(store, id);
        assertFalse(Files.readString(local(id).resolve("manifest.json")).contains("chunk"));

        Manifest read = store.manifest(id);
        assertEquals(files.keySet(), read.files().keySet());
        assertTrue(read.files().values().stream().noneMatch(Manifest.FileEntry::chunked));
        assertEquals(Sha256.hex(files.get("several.bin")), read.files().get("several.bin").sha256());
        store.verify(id);
        assertEquals(List.of(id), store.versions());
    }

    /** A files entry as a Freshet before chunk digests declared it. */
    record EntryBeforeChunks(long bytes, String sha256) {
    }

    @Test
    void aReaderThatKnowsNothingOfChunkDigestsSkipsThem() throws IOException {
        byte[] several = files().get("several.bin");
        VersionId id = publish(Map.of("several.bin", several), Map.of());
        com.fasterxml.jackson.databind.JsonNode files = ManifestJson.mapper()
                .readTree(local(id).resolve("manifest.json").toFile()).get("files");

        EntryBeforeChunks old = ManifestJson.mapper().treeToValue(files.get("several.bin"), EntryBeforeChunks.class);
        assertEquals(new EntryBeforeChunks(several.length, Sha256.hex(several)), old);
        assertEquals(Manifest.FORMAT_VERSION, store.manifest(id).formatVersion(), "no new format version");
    }

    @Test
    void aManifestListingTheWrongNumberOfChunksIsCorrupt() {
        Manifest.FileEntry entry = new Manifest.FileEntry(CHUNK * 2L, "x", (long) CHUNK, List.of("a"));
        CorruptVersionException e = assertThrows(CorruptVersionException.class,
                () -> CheckedRange.requireChunks(entry, "version v file f"));
        assertTrue(e.getMessage().contains("lists 1 chunk digests for 2048 bytes"), e.getMessage());
    }

    private java.nio.file.Path local(VersionId id) {
        return java.nio.file.Path.of(store.versionPath(id).toUri());
    }

    private void flipByte(VersionId id, String file, long offset) {
        StoreEdits.flipByte(store, id, file, offset);
    }
}
