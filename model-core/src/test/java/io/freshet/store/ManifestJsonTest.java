package io.freshet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.CorruptVersionException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
    private static final VersionId ID = VersionId.parse("20261125T152000Z-3fa9c1");
    private static final Instant CREATED = Instant.parse("2026-11-25T15:20:00.123Z");

    private static Manifest manifest() {
        return StoreFixtures.manifest(ID, CREATED, Manifest.ACCEPTED)
                .withFiles(Map.of("factors.bin", new Manifest.FileEntry(12, "ab"),
                        "als/metadata/part-00000", new Manifest.FileEntry(3, "cd")));
    }

    private static Manifest read(String json) {
        return ManifestJson.read(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    @Test
    void roundTripsEveryField() {
        Manifest manifest = manifest();
        assertEquals(manifest, ManifestJson.read(ManifestJson.write(manifest), "test.json"));
    }

    @Test
    void aListingHoldsTheCurrentIdThePinAndEachManifestAsWrittenAlone() throws Exception {
        Manifest manifest = manifest();
        Pin pin = new Pin(Pin.FORMAT_VERSION, manifest.id(), java.time.Instant.parse("2026-11-26T08:00:00Z"), "ops",
                "host-1", "bad lists");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode listing = json.readTree(ManifestJson.writeListing(
                java.util.Optional.of(VersionId.parse(manifest.id())), java.util.Optional.of(pin),
                java.util.List.of(manifest, manifest)));

        assertEquals(manifest.id(), listing.get("current").asText());
        assertEquals(2, listing.get("versions").size());
        assertEquals(json.readTree(ManifestJson.write(manifest)), listing.get("versions").get(1));
        assertEquals("bad lists", listing.get("pin").get("reason").asText());
        assertEquals("2026-11-26T08:00:00Z", listing.get("pin").get("time").asText());
        com.fasterxml.jackson.databind.JsonNode empty = json.readTree(ManifestJson.writeListing(
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.List.of()));
        assertTrue(empty.get("current").isNull() && empty.get("pin").isNull(), empty.toString());
    }

    @Test
    void aShownManifestCarriesThePinOnlyWhenItIsThePinnedVersion() throws Exception {
        Manifest manifest = manifest();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Pin mine = new Pin(Pin.FORMAT_VERSION, manifest.id(), java.time.Instant.EPOCH, "ops", "h", null);
        Pin other = new Pin(Pin.FORMAT_VERSION, "20260101T000000Z-aaaaaa", java.time.Instant.EPOCH, "ops", "h", null);

        com.fasterxml.jackson.databind.JsonNode shown = json.readTree(ManifestJson.writeShown(manifest,
                java.util.Optional.of(mine)));
        assertEquals("ops", shown.get("pin").get("user").asText());
        assertEquals(manifest, ManifestJson.read(ManifestJson.writeShown(manifest, java.util.Optional.of(mine)), "s"));
        assertEquals(json.readTree(ManifestJson.write(manifest)),
                json.readTree(ManifestJson.writeShown(manifest, java.util.Optional.of(other))));
    }

    @Test
    void writesInstantsAsIso8601AndFilesSortedByPath() {
        String json = new String(ManifestJson.write(manifest()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"createdAt\" : \"2026-11-25T15:20:00.123Z\""), json);
        assertTrue(json.indexOf("als/metadata/part-00000") < json.indexOf("factors.bin"), json);
        assertTrue(json.startsWith("{\n  \"formatVersion\" : 1,\n  \"id\" : \"" + ID + "\""), json);
        assertFalse(json.contains("servable") || json.contains("versionId"), "no derived fields: " + json);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String json = new String(ManifestJson.write(manifest()), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{ \"addedLater\": [1, 2],");
        assertEquals(manifest(), read(json));
    }

    @Test
    void refusesAnUnknownFormatVersionNamingBoth() {
        CorruptVersionException e = assertThrows(CorruptVersionException.class,
                () -> read("{\"formatVersion\": 3, \"completelyDifferent\": true}"));
        assertEquals("test.json has format version 3; this Freshet reads format versions 1 and 2 only", e.getMessage());
    }

    @Test
    void readsMappedIdsAsFormatVersionTwoAndRefusesAMismatch() {
        Manifest base = manifest();
        Manifest.InputInfo in = base.input();
        Manifest mapped = new Manifest(Manifest.MAPPED_IDS_FORMAT_VERSION, base.id(), base.createdAt(), base.status(),
                base.freshetVersion(), base.als(), new Manifest.InputInfo(in.path(), in.format(), in.fingerprint(),
                in.rows(), in.users(), in.items(), in.badLines(), "string"), base.trainingMillis(), base.metrics(),
                base.gate(), base.files(), base.evaluation());
        String json = new String(ManifestJson.write(mapped), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"ids\" : \"string\""), json);
        assertEquals(mapped, read(json));
        assertEquals(io.freshet.ids.IdKind.STRING, read(json).idKind());
        CorruptVersionException twoWithInts = assertThrows(CorruptVersionException.class,
                () -> read(json.replace("\"ids\" : \"string\"", "\"ids\" : \"int\"")));
        assertTrue(twoWithInts.getMessage().contains("format version 2 with int ids"), twoWithInts.getMessage());
        CorruptVersionException oneWithStrings = assertThrows(CorruptVersionException.class,
                () -> read(json.replace("\"formatVersion\" : 2", "\"formatVersion\" : 1")));
        assertTrue(oneWithStrings.getMessage().contains("format version 1 with string ids"), oneWithStrings.getMessage());
        assertFalse(new String(ManifestJson.write(base), StandardCharsets.UTF_8).contains("\"ids\""),
                "an int-id manifest is written as before");
    }

    @Test
    void refusesAManifestWithoutFormatVersion() {
        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> read("{\"id\": \"x\"}"));
        assertTrue(e.getMessage().contains("no integer formatVersion"), e.getMessage());
    }

    @Test
    void refusesTextThatIsNotJson() {
        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> read("{\"formatVersion\": 1,"));
        assertTrue(e.getMessage().startsWith("test.json is not valid JSON"), e.getMessage());
    }

    @Test
    void refusesAManifestThatBreaksItsOwnRules() {
        String json = new String(ManifestJson.write(manifest()), StandardCharsets.UTF_8)
                .replace("\"accepted\"", "\"maybe\"");
        CorruptVersionException e = assertThrows(CorruptVersionException.class, () -> read(json));
        assertTrue(e.getMessage().contains("maybe"), e.getMessage());
    }

    @Test
    void aManifestListingAFileOutsideItsVersionIsCorrupt() {
        for (String outside : new String[] {"file:/etc/passwd", "hdfs://nn:8020/x", "../other/factors.bin",
                "als/../../x", "/etc/passwd"}) {
            String json = "{\"formatVersion\":1,\"id\":\"20261125T152000Z-3fa9c1\",\"createdAt\":"
                    + "\"2026-11-25T15:20:00Z\",\"status\":\"accepted\",\"files\":{\"" + outside
                    + "\":{\"bytes\":1,\"sha256\":\"00\"}}}";
            CorruptVersionException e = org.junit.jupiter.api.Assertions.assertThrows(CorruptVersionException.class,
                    () -> ManifestJson.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "m.json"), outside);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("m.json"), e.getMessage());
        }
    }
}
