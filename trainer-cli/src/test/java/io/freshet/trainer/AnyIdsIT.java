package io.freshet.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.IdDictionaryFile;
import io.freshet.ids.IdDictionary;
import io.freshet.ids.IdKind;
import io.freshet.serving.ModelLoader;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One set of ratings fitted three ways through the command line: with its int ids, with the ids rewritten as
 * strings ("u" + id, "item-" + id) and as 64-bit ids above 2^31 (id + 3,000,000,000). The int fit writes today's
 * version (format 1, no dictionaries); the others write format 2 with dictionaries holding exactly the input's ids,
 * load as the predictor loads them, and rank as well. Then the gate compares a string-id candidate (the int file
 * read with --ids string) with an int-id current version, which it must re-index by id to score.
 */
class AnyIdsIT {
    static final long LONG_OFFSET = 3_000_000_000L;
    static final double NDCG_TOLERANCE = 0.03;

    @TempDir
    static Path dir;
    static Path ints;
    static Path strings;
    static Path longs;
    static Path intStore;
    static VersionId intVersion;

    @BeforeAll
    static void fitTheIntIds() {
        ints = PreferenceRatings.write(dir.resolve("ints.dat"), 300, 120, 25, 5);
        strings = rewritten(ints, dir.resolve("strings.dat"), u -> "u" + u, i -> "item-" + i);
        longs = rewritten(ints, dir.resolve("longs.dat"), u -> Long.toString(u + LONG_OFFSET),
                i -> Long.toString(i + LONG_OFFSET));
        intStore = dir.resolve("store-int");
        intVersion = fit(intStore, ints);
    }

    static VersionId fit(Path store, Path input, String... extra) {
        List<String> args = new ArrayList<>(List.of("fit", "--store", store.toString(), "--input", input.toString(),
                "--master", "local[2]", "--rank", "6", "--reg-param", "0.1", "--iterations", "8"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.trainer(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        return VersionId.parse(r.out().strip());
    }

    /** The MovieLens file {@code from} with its user and item ids rewritten. */
    static Path rewritten(Path from, Path to, LongFunction<String> user, LongFunction<String> item) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(from, StandardCharsets.UTF_8)) {
                String[] f = line.split("::");
                out.add(user.apply(Long.parseLong(f[0])) + "::" + item.apply(Long.parseLong(f[1])) + "::" + f[2]
                        + "::" + f[3]);
            }
            Files.write(to, out, StandardCharsets.UTF_8);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct ids of one field (0 user, 1 item) of a MovieLens file, as written. */
    static Set<String> ids(Path file, int field) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            Set<String> ids = new HashSet<>();
            lines.forEach(l -> ids.add(l.split("::")[field]));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ModelStore open(Path store) {
        return ModelStore.open(store.toString(), new Configuration());
    }

    static Set<String> texts(IdDictionary dictionary) {
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < dictionary.size(); i++) {
            texts.add(dictionary.textAt(i));
        }
        return texts;
    }

    @Test
    void theIntFitWritesTodaysVersionFormatOneWithoutDictionaries() {
        ModelStore store = open(intStore);
        Manifest m = store.manifest(intVersion);
        assertEquals(Manifest.FORMAT_VERSION, m.formatVersion());
        assertNull(m.input().ids());
        assertEquals(IdKind.INT, m.idKind());
        assertTrue(m.files().keySet().stream().noneMatch(f -> f.startsWith("ids/")), m.files().keySet().toString());
        CliRun show = CliRun.trainer("show", "--store", intStore.toString(), intVersion.value());
        assertTrue(show.out().contains("ids:            int\n"), show.toString());
        ModelLoader.Loaded loaded = new ModelLoader(store).loadWithFactors(intVersion);
        int rank = m.als().rank();
        long users = loaded.users().size();
        long items = loaded.items().size();
        long popular = loaded.model().popularItems().length;
        assertEquals(28 + (users + items) * (4 + 4L * rank) + 8 * popular + 8,
                m.files().get(ArtifactFiles.FACTORS).bytes(), "factors.bin as laid out in docs/store-format.md");
        long entries = loaded.model().scorer().seenEntries();
        assertEquals(24 + 8 * m.input().users() + 4 * entries + 8, m.files().get(ArtifactFiles.SEEN).bytes(),
                "seen.bin as laid out in docs/store-format.md");
    }

    @Test
    void stringIdsFitAFormatTwoVersionWithTheirDictionariesAndRankAsWellAsInts() {
        checkMapped(strings, "store-string", IdKind.STRING);
    }

    @Test
    void longIdsAboveTheIntRangeFitAFormatTwoVersionWithTheirDictionariesAndRankAsWellAsInts() {
        checkMapped(longs, "store-long", IdKind.LONG);
    }

    private void checkMapped(Path input, String storeName, IdKind kind) {
        Path storePath = dir.resolve(storeName);
        VersionId id = fit(storePath, input);
        ModelStore store = open(storePath);
        Manifest m = store.manifest(id);
        Manifest intManifest = open(intStore).manifest(intVersion);
        assertEquals(Manifest.MAPPED_IDS_FORMAT_VERSION, m.formatVersion());
        assertEquals(kind.label(), m.input().ids());
        assertTrue(m.files().containsKey(IdDictionaryFile.USERS) && m.files().containsKey(IdDictionaryFile.ITEMS),
                m.files().keySet().toString());
        CliRun show = CliRun.trainer("show", "--store", storePath.toString(), id.value());
        assertTrue(show.out().contains("ids:            " + kind.label() + " (mapped to indices by ids/users.bin and "
                + "ids/items.bin; format version 2)"), show.toString());
        ModelLoader.Loaded loaded = new ModelLoader(store).loadWithFactors(id);
        assertEquals(kind, loaded.ids().kind());
        assertEquals(ids(input, 0), texts(loaded.ids().users()));
        assertEquals(ids(input, 1), texts(loaded.ids().items()));
        assertEquals(intManifest.input().users(), m.input().users());
        assertEquals(intManifest.input().items(), m.input().items());
        assertEquals(intManifest.files().get(ArtifactFiles.FACTORS).bytes(), m.files().get(ArtifactFiles.FACTORS).bytes());
        assertEquals(intManifest.files().get(ArtifactFiles.SEEN).bytes(), m.files().get(ArtifactFiles.SEEN).bytes());
        double ndcg = m.metrics().get("ndcg@10");
        double intNdcg = intManifest.metrics().get("ndcg@10");
        assertEquals(intNdcg, ndcg, NDCG_TOLERANCE, "ndcg@10 of " + kind.label() + " ids vs int ids");
        assertTrue(ndcg > 1.5 * m.metrics().get("baseline.ndcg@10"), m.metrics().toString());
    }

    @Test
    void theGateScoresTheCurrentVersionOfAnotherIdSpaceOnTheCandidatesHoldoutByTranslatingItsIds() throws IOException {
        Path storePath = dir.resolve("store-int-then-string");
        copy(intStore, storePath);
        // The int file read as string ids: the candidate's "17" is the current version's int 17
        VersionId id = fit(storePath, ints, "--ids", "string", "--gate-tolerance", "0.5");
        Manifest m = open(storePath).manifest(id);
        assertEquals("string", m.input().ids());
        Manifest intManifest = open(intStore).manifest(intVersion);
        assertEquals(intVersion.value(), m.gate().currentId());
        assertNotNull(m.gate().current(), "the int current version is scored: " + m.gate());
        // The same held-out pairs, the same factors under other indices: the current version's value is its own
        assertEquals(intManifest.metrics().get("ndcg@10"), m.gate().current(), 1e-4, m.gate().toString());
        assertTrue(m.gate().passed(), m.gate().toString());
        assertEquals(id, open(storePath).current().orElseThrow());
        assertFalse(m.gate().reasons().stream().anyMatch(r -> r.contains("cannot")), m.gate().toString());

        // Then a 64-bit candidate against the string-id version now current (two dictionaries), and back to ints
        VersionId asLongs = fit(storePath, ints, "--ids", "long", "--gate-tolerance", "0.5");
        Manifest l = open(storePath).manifest(asLongs);
        assertEquals("long", l.input().ids());
        assertEquals(id.value(), l.gate().currentId());
        assertEquals(m.metrics().get("ndcg@10"), l.gate().current(), 1e-4, l.gate().toString());
        VersionId back = fit(storePath, ints, "--ids", "int", "--gate-tolerance", "0.5");
        Manifest b = open(storePath).manifest(back);
        assertNull(b.input().ids());
        assertEquals(asLongs.value(), b.gate().currentId());
        assertEquals(l.metrics().get("ndcg@10"), b.gate().current(), 1e-4, b.gate().toString());
    }

    @Test
    void theGateScoresAnIntCurrentVersionsRmseOnAStringCandidatesHoldout() throws IOException {
        Path storePath = dir.resolve("store-rating-int-then-string");
        String[] rating = {"--objective", "rating", "--gate-metric", "rmse", "--gate-tolerance", "0.5", "--min-lift", "0"};
        VersionId first = fit(storePath, ints, rating);
        List<String> args = new ArrayList<>(List.of("--ids", "string"));
        args.addAll(List.of(rating));
        VersionId id = fit(storePath, ints, args.toArray(String[]::new));
        Manifest m = open(storePath).manifest(id);
        Manifest current = open(storePath).manifest(first);
        assertEquals(first.value(), m.gate().currentId());
        assertNotNull(m.gate().current(), m.gate().toString());
        assertEquals(current.metrics().get("rmse"), m.gate().current(), 1e-4, m.gate().toString());
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
