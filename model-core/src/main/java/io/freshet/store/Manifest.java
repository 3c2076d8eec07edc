package io.freshet.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json} of one version: what was trained, on what, how it scored, and the checksum of
 * every file. Written once at publish time, never changed (docs/store-format.md).
 *
 * @param formatVersion the store format version; readers refuse a version they do not know
 * @param status        {@code accepted} (may be promoted), {@code rejected} (refused by the quality
 *                      gate) or {@code forced} (refused but promoted with --force)
 * @param metrics       evaluation figures by name, empty when the fit was not evaluated
 * @param gate          the quality gate's decision, or null when no gate ran
 * @param files         relative path (with '/') to size and checksum, filled in by the store at publish
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"formatVersion", "id", "createdAt", "status", "freshetVersion", "als", "input", "trainingMillis",
        "metrics", "gate", "files"})
public record Manifest(
        int formatVersion,
        String id,
        Instant createdAt,
        String status,
        String freshetVersion,
        AlsParams als,
        InputInfo input,
        long trainingMillis,
        Map<String, Double> metrics,
        GateDecision gate,
        Map<String, FileEntry> files) {

    public static final int FORMAT_VERSION = 1;
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String FORCED = "forced";

    public Manifest {
        Objects.requireNonNull(id, "manifest id");
        Objects.requireNonNull(createdAt, "manifest createdAt");
        Objects.requireNonNull(status, "manifest status");
        if (!status.equals(ACCEPTED) && !status.equals(REJECTED) && !status.equals(FORCED)) {
            throw new IllegalArgumentException("manifest status must be accepted, rejected or forced, got: " + status);
        }
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        files = files == null ? Map.of() : Map.copyOf(files);
    }

    public VersionId versionId() {
        return VersionId.parse(id);
    }

    /** True when this version may be served: accepted, or promoted with --force. */
    public boolean servable() {
        return !REJECTED.equals(status);
    }

    public Manifest withFiles(Map<String, FileEntry> newFiles) {
        return new Manifest(formatVersion, id, createdAt, status, freshetVersion, als, input, trainingMillis, metrics,
                gate, newFiles);
    }

    /** ALS parameters of the fit. */
    public record AlsParams(int rank, int maxIter, double regParam, double alpha, boolean implicitPrefs,
                            boolean nonnegative, long seed) {
    }

    /**
     * What the model was trained on.
     *
     * @param fingerprint sha256 over the sorted (path, length, modification time) of every input file
     * @param badLines    lines rejected under --max-bad-lines
     */
    public record InputInfo(String path, String format, String fingerprint, long rows, long users, long items,
                            long badLines) {
    }

    /** One file of the version: its size in bytes and SHA-256 in lower-case hex. */
    public record FileEntry(long bytes, String sha256) {
    }

    /**
     * The quality gate's verdict: the metric compared, the new and current values on the same holdout,
     * the tolerance, and the reasons for a refusal (empty when accepted).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GateDecision(boolean passed, String metric, Double candidate, Double current, String currentId,
                               double tolerance, java.util.List<String> reasons) {
        public GateDecision {
            reasons = reasons == null ? java.util.List.of() : java.util.List.copyOf(reasons);
        }
    }
}
