package io.freshet.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.freshet.ids.IdKind;
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
 * @param evaluation    how the metrics were obtained (holdout, k, tuning), or null when the fit was not evaluated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"formatVersion", "id", "createdAt", "status", "freshetVersion", "als", "input", "trainingMillis",
        "metrics", "gate", "files", "evaluation"})
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
        Map<String, FileEntry> files,
        Evaluation evaluation) {

    /** The store format of a version whose ids are ALS's own int ids. */
    public static final int FORMAT_VERSION = 1;
    /**
     * The store format of a version fitted on 64-bit or string ids: its artifact files hold int indices that only
     * its id dictionaries turn into ids, so a reader of format 1 must refuse it rather than serve indices as ids.
     */
    public static final int MAPPED_IDS_FORMAT_VERSION = 2;
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
        files.keySet().forEach(StoreLayout::checkInside); // a file listed outside the version is no version's
        IdKind kind = input == null ? IdKind.INT : input.idKind();
        if (formatVersion != formatVersionFor(kind)) {
            throw new IllegalArgumentException("format version " + formatVersion + " with " + kind.label()
                    + " ids: a version of " + kind.label() + " ids has format version " + formatVersionFor(kind));
        }
    }

    /** The store format version of a version whose ids are of {@code kind}: 1 for int ids, 2 for mapped ids. */
    public static int formatVersionFor(IdKind kind) {
        return kind.mapped() ? MAPPED_IDS_FORMAT_VERSION : FORMAT_VERSION;
    }

    /** The kind of the version's ids (int when the manifest has no input record). */
    @JsonIgnore
    public IdKind idKind() {
        return input == null ? IdKind.INT : input.idKind();
    }

    /** A manifest without an evaluation record (a fit that was not evaluated, or a test fixture). */
    public Manifest(int formatVersion, String id, Instant createdAt, String status, String freshetVersion,
                    AlsParams als, InputInfo input, long trainingMillis, Map<String, Double> metrics,
                    GateDecision gate, Map<String, FileEntry> files) {
        this(formatVersion, id, createdAt, status, freshetVersion, als, input, trainingMillis, metrics, gate, files,
                null);
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
                gate, newFiles, evaluation);
    }

    /** ALS parameters of the fit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlsParams(int rank, int maxIter, double regParam, double alpha, boolean implicitPrefs,
                            boolean nonnegative, long seed, String objective, Double neutralRating) {
        /** Top-N lists: implicit-feedback ALS on preferences derived from the ratings (docs/metrics.md). */
        public static final String RANKING = "ranking";
        /** Predicted ratings: explicit-feedback ALS on the ratings themselves. */
        public static final String RATING = "rating";

        /**
         * @param objective     {@code ranking} or {@code rating}; null (a manifest written before the field
         *                      existed) reads as {@code ranking} with neutral rating 0 for implicit feedback, and
         *                      as {@code rating} otherwise
         * @param neutralRating ranking only: the rating subtracted from every rating before ALS sees it, so
         *                      that ratings above it are positive evidence and ratings below it negative, each
         *                      with confidence 1 + alpha x distance (0: the ratings are the confidences); null
         *                      for the rating objective, and in a ranking request, "not chosen yet" (the trainer
         *                      then takes 60% of the input's largest rating)
         */
        public AlsParams {
            if (objective == null) {
                objective = implicitPrefs ? RANKING : RATING;
                neutralRating = implicitPrefs && neutralRating == null ? Double.valueOf(0.0) : neutralRating;
            }
            if (!objective.equals(RANKING) && !objective.equals(RATING)) {
                throw new IllegalArgumentException("objective must be ranking or rating, got " + objective);
            }
            if (implicitPrefs != objective.equals(RANKING)) {
                throw new IllegalArgumentException("objective " + objective + " with implicitPrefs " + implicitPrefs
                        + ": the ranking objective is implicit-feedback ALS, the rating objective explicit");
            }
            if (neutralRating != null && (objective.equals(RATING) || !Double.isFinite(neutralRating))) {
                throw new IllegalArgumentException("neutral rating " + neutralRating + " needs the ranking objective "
                        + "and a finite value");
            }
        }

        /** Parameters with the preference of a manifest written before objectives: ratings as confidences. */
        public AlsParams(int rank, int maxIter, double regParam, double alpha, boolean implicitPrefs,
                         boolean nonnegative, long seed) {
            this(rank, maxIter, regParam, alpha, implicitPrefs, nonnegative, seed, null, null);
        }

        /** These parameters with another rank, reg-param and alpha. */
        public AlsParams with(int newRank, double newRegParam, double newAlpha) {
            return new AlsParams(newRank, maxIter, newRegParam, newAlpha, implicitPrefs, nonnegative, seed, objective,
                    neutralRating);
        }

        /** These parameters with the neutral rating chosen. */
        public AlsParams withNeutralRating(double rating) {
            return new AlsParams(rank, maxIter, regParam, alpha, implicitPrefs, nonnegative, seed, objective, rating);
        }

        public boolean ranking() {
            return objective.equals(RANKING);
        }
    }

    /**
     * What the model was trained on.
     *
     * @param fingerprint sha256 over the sorted (path, length, modification time) of every input file
     * @param badLines    lines rejected under --max-bad-lines
     * @param ids         the kind of the input's ids, {@code int}, {@code long} or {@code string} (null, as in a
     *                    manifest written before the field existed, reads as {@code int})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputInfo(String path, String format, String fingerprint, long rows, long users, long items,
                            long badLines, String ids) {
        public InputInfo {
            if (ids != null) {
                IdKind.of(ids);
            }
        }

        /** An input of int ids. */
        public InputInfo(String path, String format, String fingerprint, long rows, long users, long items,
                         long badLines) {
            this(path, format, fingerprint, rows, users, items, badLines, null);
        }

        /** The kind of the input's ids. */
        @JsonIgnore
        public IdKind idKind() {
            return ids == null ? IdKind.INT : IdKind.of(ids);
        }
    }

    /**
     * One file of the version: its size in bytes and SHA-256 in lower-case hex and, in a version published since
     * chunk digests exist, the SHA-256 of each consecutive run of {@code chunkBytes} bytes (the last one shorter),
     * so that a reader of a byte range can check it without reading the whole file (docs/store-format.md,
     * "Manifest"). Both are null in a version written before them (and in an older reader, which skips them).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"bytes", "sha256", "chunkBytes", "chunks"})
    public record FileEntry(long bytes, String sha256, Long chunkBytes, java.util.List<String> chunks)
            implements java.io.Serializable {
        public FileEntry {
            if ((chunkBytes == null) != (chunks == null)) {
                throw new IllegalArgumentException("chunkBytes and chunks go together, got " + chunkBytes + " and "
                        + (chunks == null ? null : chunks.size() + " chunks"));
            }
            chunks = chunks == null ? null : java.util.List.copyOf(chunks);
        }

        /** A file without chunk digests. */
        public FileEntry(long bytes, String sha256) {
            this(bytes, sha256, null, null);
        }

        /** True when the entry has chunk digests. */
        @JsonIgnore
        public boolean chunked() {
            return chunks != null;
        }
    }

    /**
     * The quality gate's verdict: the metric compared, the new and current values on the same holdout,
     * the tolerance, the most-popular list's value of the metric and the least lift over it the gate asked
     * for (both null where the metric has no baseline, or in a manifest written before the check existed),
     * and the reasons for a refusal (empty when accepted).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GateDecision(boolean passed, String metric, Double candidate, Double current, String currentId,
                               double tolerance, Double baseline, Double minLift, java.util.List<String> reasons) {
        public GateDecision {
            reasons = reasons == null ? java.util.List.of() : java.util.List.copyOf(reasons);
        }

        /** The candidate's value over the most-popular list's, when both are known and the latter is positive. */
        public java.util.OptionalDouble lift() {
            return candidate == null || baseline == null || !(baseline > 0) ? java.util.OptionalDouble.empty()
                    : java.util.OptionalDouble.of(candidate / baseline);
        }
    }

    /**
     * How the metrics of a version were obtained (docs/metrics.md).
     *
     * @param holdoutBy          {@code time} or {@code random}: how the held-out ratings were chosen
     * @param holdoutFraction    the share of ratings held out
     * @param trainRatings       ratings the evaluated model was fitted on
     * @param holdoutRatings     ratings held out
     * @param holdoutUsers       distinct users among the held-out ratings
     * @param k                  the cut-off of the ranking metrics
     * @param relevanceThreshold the rating from which a held-out item counts as relevant; null for implicit
     *                           feedback, where every held-out item does
     * @param refitAll           true when the published model was refitted on all ratings after the gate
     * @param tuning             the parameter search that chose the ALS parameters, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evaluation(String holdoutBy, double holdoutFraction, long trainRatings, long holdoutRatings,
                             long holdoutUsers, int k, Double relevanceThreshold, boolean refitAll, Tuning tuning) {
    }

    /**
     * A parameter search by cross-validation on the training part ({@code trainer tune}).
     *
     * @param metric the metric optimised (the gate metric)
     * @param folds  the number of cross-validation folds
     * @param trials every setting tried, in the order tried, with its mean and per-fold values
     */
    public record Tuning(String metric, int folds, java.util.List<Trial> trials) {
        public Tuning {
            trials = trials == null ? java.util.List.of() : java.util.List.copyOf(trials);
        }
    }

    /**
     * One setting of a parameter search and its cross-validated values of the metric.
     *
     * @param mean  the mean over the folds, or null when some fold could not be scored (NaN factors)
     * @param folds the value in each fold that could be scored
     */
    public record Trial(int rank, double regParam, double alpha, Double mean, java.util.List<Double> folds) {
        public Trial {
            folds = folds == null ? java.util.List.of() : java.util.List.copyOf(folds);
        }
    }
}
