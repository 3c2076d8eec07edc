package io.freshet.trainer;

import io.freshet.artifact.ArtifactFiles;

import io.freshet.FreshetVersion;
import io.freshet.ids.IdKind;
import io.freshet.artifact.FactorMatrix;
import io.freshet.BadInputException;
import io.freshet.data.RatingData;
import io.freshet.data.RatingIds;
import io.freshet.data.RatingIndex;
import io.freshet.data.RatingReader;
import io.freshet.CorruptVersionException;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.Pin;
import io.freshet.store.PinnedException;
import io.freshet.store.PointerMove;
import io.freshet.store.VersionId;
import io.freshet.trainer.eval.CurrentVersion;
import io.freshet.trainer.eval.EvaluationSet;
import io.freshet.trainer.eval.EvaluationSettings;
import io.freshet.trainer.eval.FactorFrames;
import io.freshet.trainer.eval.FiniteFactors;
import io.freshet.store.GateRefusedException;
import io.freshet.trainer.eval.HoldoutSplit;
import io.freshet.trainer.eval.IdTranslation;
import io.freshet.trainer.eval.MetricNames;
import io.freshet.trainer.eval.ModelEvaluator;
import io.freshet.trainer.eval.ModelFitter;
import io.freshet.trainer.eval.QualityGate;
import io.freshet.trainer.metrics.Phase;
import io.freshet.trainer.metrics.PointerDecision;
import io.freshet.trainer.metrics.RunRecorder;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run, start to end: read and validate the ratings, hold out part of them, fit ALS on the rest,
 * evaluate it and the current version on the held-out part, let the quality gate decide, write and publish
 * the version (status accepted, rejected or forced), and move the pointer unless the gate refused it. Each
 * phase is logged with its time, and recorded in the run's {@link RunRecorder} (docs/operations.md). docs/metrics.md says why the published model is the one fitted on the
 * training part (and what --refit-all changes).
 */
public final class TrainingService {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);

    /**
     * Spark settings a trainer's session gets unless the user sets them (docs/performance.md measures both).
     * The ratings are cached as Spark columns without compression: the cache is bigger (about 20 bytes a
     * rating), and reading it in takes about a third less time. Parquet's dictionary encoding is off: the
     * only Parquet the trainer writes is the ALS layout, unique ids and random floats that a dictionary cannot
     * shrink, and trying costs a fifth of the time of the save.
     */
    public static final Map<String, String> SPARK_DEFAULTS = Map.of(
            "spark.sql.inMemoryColumnarStorage.compressed", "false",
            "spark.hadoop.parquet.enable.dictionary", "false");

    private final SparkSession spark;
    private final ModelStore store;
    private final Clock clock;
    private final ModelFitter fitter;
    private final RunRecorder recorder;

    public TrainingService(SparkSession spark, ModelStore store, Clock clock) {
        this(spark, store, clock, new RunRecorder());
    }

    /** A service that records its phases, counts and decisions in {@code recorder}. */
    public TrainingService(SparkSession spark, ModelStore store, Clock clock, RunRecorder recorder) {
        this(spark, store, clock, new AlsFitter(spark), recorder);
    }

    /** With another way to fit: the seam through which tests hand the gate a model they built. */
    TrainingService(SparkSession spark, ModelStore store, Clock clock, ModelFitter fitter) {
        this(spark, store, clock, fitter, new RunRecorder());
    }

    private TrainingService(SparkSession spark, ModelStore store, Clock clock, ModelFitter fitter,
                            RunRecorder recorder) {
        this.spark = spark;
        this.store = store;
        this.clock = clock;
        this.fitter = fitter;
        this.recorder = recorder;
    }

    /** Reads, fits, evaluates, publishes; GateRefusedException (after publishing it rejected) when the gate refuses. */
    public FitResult fit(FitRequest request) {
        RatingData data = read(request);
        try {
            return fit(request, data);
        } finally {
            data.release();
        }
    }

    /**
     * Checks that the store can be written (so that a fit is not lost to a read-only or full store at its end),
     * removes stale temporaries, then reads and validates the ratings of {@code request}.
     */
    public RatingData read(FitRequest request) {
        store.checkWritable();
        int cleaned = store.cleanTemporaries(request.temporaryGrace());
        if (cleaned > 0) {
            LOG.info("removed {} leftover temporaries older than {}", cleaned, request.temporaryGrace());
        }
        long t0 = System.nanoTime();
        LOG.info("reading {}", request.input());
        RatingData data = recorder.time(Phase.READ, () -> new RatingReader(spark).read(request.input(), request.read()));
        recorder.ratings(data.rows(), data.badLines());
        LOG.info("read {} ratings of {} users and {} items ({} format, {} ids, {} bad lines) in {} s", data.rows(),
                data.users(), data.items(), data.format(), data.ids().kind().label(), data.badLines(), seconds(t0));
        return data;
    }

    /**
     * Fits, evaluates and publishes ratings already read (tune reads once for the search and this fit). What
     * the request left to the input (the neutral rating, the relevance threshold) is chosen from it here.
     */
    public FitResult fit(FitRequest asked, RatingData data) {
        FitRequest request = asked.resolvedFor(data.maxRating());
        checkTrainable(data, request.als());
        EvaluationSettings eval = request.evaluation();
        if (!eval.enabled()) {
            LOG.info("--holdout 0: the fit is not evaluated and the quality gate does not run");
            Fitted fitted = fitAndExport(data.ratings(), request.als());
            try {
                return publish(request, data, fitted, new Outcome(Manifest.ACCEPTED, Map.of(), null, null),
                        v -> store.promote(v, PointerMove.fit(Manifest.ACCEPTED, null)));
            } finally {
                fitted.draft().discard();
            }
        }
        HoldoutSplit split = HoldoutSplit.of(data.ratings(), data.hasTimestamps(), eval.holdoutFraction(),
                eval.splitBy(), request.als().seed());
        Fitted candidate = null;
        Fitted published = null;
        EvaluationSet set = null;
        try {
            set = recorder.time(Phase.EVALUATE, () -> evaluationSet(split, request));
            candidate = fitAndExport(split.train(), request.als());
            Fitted judgedModel = candidate;
            EvaluationSet judgedSet = set;
            Judgement judged = recorder.time(Phase.EVALUATE, () -> judge(request, judgedSet, judgedModel, split.train(),
                    data.ids()));
            QualityGate.Verdict verdict = judged.verdict();
            published = candidate;
            if (verdict.promotable() && eval.refitAll()) {
                LOG.info("--refit-all: refitting on all {} ratings; the metrics stay those of the holdout fit",
                        data.rows());
                published = fitAndExport(data.ratings(), request.als());
                Optional<String> refitNonFinite = published.firstNonFinite();
                if (refitNonFinite.isPresent()) {
                    verdict = verdict.refusedFor("the refit on all ratings: " + refitNonFinite.get());
                    logVerdict(verdict);
                }
            }
            Manifest.Evaluation evaluation = new Manifest.Evaluation(split.mode().label(), eval.holdoutFraction(),
                    split.train().count(), set.heldOutRatings(), set.heldOutUsers(), eval.k(),
                    set.relevanceThreshold(), published != candidate, request.tuning().orElse(null));
            PointerMove move = PointerMove.fit(verdict.status(), verdict.decision());
            FitResult result = publish(request, data, published,
                    new Outcome(verdict.status(), judged.metrics(), verdict.decision(), evaluation),
                    v -> store.promoteIfCurrent(v, judged.comparedWith(), move));
            if (!verdict.promotable()) {
                throw refusal(result.version(), verdict, request.gate().force());
            }
            return result;
        } finally {
            for (Fitted fitted : new Fitted[] {candidate, published}) {
                if (fitted != null) {
                    fitted.draft().discard();
                }
            }
            if (set != null) {
                set.release();
            }
            split.release();
        }
    }

    /** The held-out ratings by user; BadInputException, before any fitting, when they cannot decide anything. */
    private static EvaluationSet evaluationSet(HoldoutSplit split, FitRequest request) {
        long t = System.nanoTime();
        EvaluationSettings eval = request.evaluation();
        EvaluationSet set = EvaluationSet.of(split.holdout(), split.train(), eval.k(), request.als().implicitPrefs(),
                eval.relevanceThreshold());
        try {
            checkEvaluable(set, split, request);
        } catch (RuntimeException e) {
            set.release();
            throw e;
        }
        LOG.info("held out {} ratings of {} users ({} split, {} of them with a relevant item) in {} s",
                set.heldOutRatings(), set.heldOutUsers(), split.mode().label(), set.usersWithRelevant(),
                seconds(t));
        return set;
    }

    /** The candidate's metrics, the gate's verdict, and the current version it was compared with (empty: none). */
    private record Judgement(Map<String, Double> metrics, QualityGate.Verdict verdict, Optional<VersionId> comparedWith) {
    }

    /** Evaluates a candidate with finite factors, scores the current version, and lets the gate decide. */
    private Judgement judge(FitRequest request, EvaluationSet set, Fitted candidate, Dataset<Row> train, RatingIds ids) {
        Optional<String> nonFinite = candidate.firstNonFinite();
        Map<String, Double> metrics = Map.of();
        Optional<VersionId> currentId = store.current();
        Optional<QualityGate.Current> current = Optional.empty();
        if (nonFinite.isEmpty()) {
            long t = System.nanoTime();
            ModelEvaluator evaluator = new ModelEvaluator(spark, set);
            metrics = evaluator.candidate(candidate.model(), candidate.items(), RatingIndex.popularItems(train));
            LOG.info("evaluated on the holdout in {} s: {}", seconds(t), summary(metrics));
            current = scoreCurrent(evaluator, currentId, request.gate().metric(), ids);
        }
        QualityGate.Verdict verdict = QualityGate.decide(request.gate(), metrics, nonFinite, current);
        logVerdict(verdict);
        return new Judgement(metrics, verdict, currentId);
    }

    /**
     * A fitted model, its item factors (collected), the first NaN or Inf of its factors (empty when all are finite),
     * and the version draft its ALS layout is being saved into.
     */
    private record Fitted(ALSModel model, FactorMatrix items, Optional<String> firstNonFinite, long trainingMillis,
                          VersionDraft draft) {
    }

    private record Outcome(String status, Map<String, Double> metrics, Manifest.GateDecision gate,
                           Manifest.Evaluation evaluation) {
    }

    private Fitted fitAndExport(Dataset<Row> ratings, Manifest.AlsParams params) {
        long t = System.nanoTime();
        ALSModel model = recorder.time(Phase.FIT, () -> fitter.fit(ratings, params));
        long trainingMillis = (System.nanoTime() - t) / 1_000_000;
        VersionDraft draft = VersionDraft.start(store, model);
        try {
            long te = System.nanoTime();
            FactorMatrix items = recorder.time(Phase.EXPORT, () -> {
                TrainedRatingsWriter.write(ratings, draft.pending().path());
                return FactorFrames.collect(model.itemFactors(), model.rank());
            });
            LOG.info("wrote the trained ratings and collected {} item factors in {} s", items.size(), seconds(te));
            // the users are searched on the executors
            return new Fitted(model, items, FiniteFactors.firstNonFinite(model.userFactors(), items), trainingMillis,
                    draft);
        } catch (RuntimeException e) {
            draft.discard();
            throw e;
        }
    }

    /**
     * The current version's value of the gate metric on this holdout, its factors re-indexed into the candidate's id
     * space when either is not int ids ({@link IdTranslation}); empty when there is no current version.
     */
    private Optional<QualityGate.Current> scoreCurrent(ModelEvaluator evaluator, Optional<VersionId> id, String metric,
                                                       RatingIds ids) {
        if (id.isEmpty()) {
            LOG.info("quality gate: no current version, so the candidate is checked on its own");
            return Optional.empty();
        }
        long t = System.nanoTime();
        try {
            // a version of mapped ids, or one to translate into this fit's, is re-indexed on the driver
            CurrentVersion current = CurrentVersion.load(spark, store, id.get(), ids.mapped());
            if (IdTranslation.needed(current, ids)) {
                long tt = System.nanoTime();
                current = IdTranslation.into(current, ids);
                LOG.info("current version {} ({} ids) re-indexed into this fit's {} ids by id in {} s: {} users and {} "
                        + "items known to both", id.get(), current.ids().kind().label(), ids.kind().label(), seconds(tt),
                        current.users().size(), current.items().size());
            }
            OptionalDouble value = evaluator.current(current, metric);
            LOG.info("current version {} scored on the same holdout in {} s: {} {}", id.get(), seconds(t), metric,
                    value.isPresent() ? format(value.getAsDouble()) : "cannot be computed");
            return Optional.of(new QualityGate.Current(id.get().value(), value));
        } catch (CorruptVersionException e) {
            LOG.warn("quality gate: current version {} cannot be loaded, so the candidate is not compared with it "
                    + "(the predictor cannot serve it either): {}", id.get(), e.getMessage());
            return Optional.of(new QualityGate.Current(id.get().value(), OptionalDouble.empty()));
        }
    }

    /**
     * Publishes {@code fitted} and, unless refused or told not to, promotes it with {@code promoter}: after a
     * gate, a compare-and-set against the current version the gate judged it with (PointerMovedException when
     * another writer moved the pointer meanwhile: the version stays published, the pointer theirs). While the pointer
     * is pinned the version is published and not promoted, and the result names the pin.
     */
    private FitResult publish(FitRequest request, RatingData data, Fitted fitted, Outcome outcome,
                              Function<VersionId, Optional<VersionId>> promoter) {
        return recorder.time(Phase.PUBLISH, () -> publishTimed(request, data, fitted, outcome, promoter));
    }

    private FitResult publishTimed(FitRequest request, RatingData data, Fitted fitted, Outcome outcome,
                                   Function<VersionId, Optional<VersionId>> promoter) {
        long t = System.nanoTime();
        VersionDraft draft = fitted.draft();
        boolean finite = fitted.firstNonFinite().isEmpty();
        if (!finite) {
            LOG.warn("version {} has non-finite factors: writing its ALS layout and manifest only", draft.pending().id());
        }
        IdKind ids = data.ids().kind();
        ModelStore.PendingVersion pending = draft.finish(finite ? Optional.of(files -> ArtifactExporter.write(
                fitted.model(), fitted.items(), data.ratings(), data.index(), files)) : Optional.empty(), data.ids());
        Manifest manifest = new Manifest(Manifest.formatVersionFor(ids), pending.id().value(), clock.instant(),
                outcome.status(), FreshetVersion.get(), request.als(), inputInfo(request, data),
                fitted.trainingMillis(), outcome.metrics(), outcome.gate(), null, outcome.evaluation());
        VersionId id = store.publish(pending, manifest, ArtifactFiles.required(finite, ids));
        LOG.info("published version {} (status {}) in {} s", id, outcome.status(), seconds(t));
        recordGate(outcome.gate());
        Optional<VersionId> previous = Optional.empty();
        Optional<Pin> heldBy = Optional.empty();
        boolean promote = request.promote() && !Manifest.REJECTED.equals(outcome.status());
        if (promote) {
            try {
                previous = promoter.apply(id);
                LOG.info("current: {} -> {}", previous.map(VersionId::value).orElse("(none)"), id);
            } catch (PinnedException pinned) {
                promote = false;
                heldBy = Optional.of(pinned.pin());
                LOG.warn("version {} published, not promoted: the pointer is pinned to {}", id,
                        pinned.pin().describe());
            }
        } else if (!request.promote()) {
            LOG.info("version {} published without moving the pointer (--no-promote)", id);
        }
        recorder.decision(decision(outcome, promote));
        return new FitResult(id, store.manifest(id), promote, previous, heldBy);
    }

    private void recordGate(Manifest.GateDecision gate) {
        if (gate != null && gate.candidate() != null) {
            recorder.gate(gate.metric(), gate.candidate(), gate.lift());
        }
    }

    /** What a publication that got this far did with the pointer: {@code promoted} says whether it moved it. */
    private static PointerDecision decision(Outcome outcome, boolean promoted) {
        if (Manifest.REJECTED.equals(outcome.status())) {
            return PointerDecision.REFUSED;
        }
        if (!promoted) {
            return PointerDecision.NO_PROMOTE;
        }
        if (Manifest.FORCED.equals(outcome.status())) {
            return PointerDecision.FORCED;
        }
        return outcome.gate() == null ? PointerDecision.NOT_GATED : PointerDecision.PROMOTED;
    }

    private GateRefusedException refusal(VersionId id, QualityGate.Verdict verdict, boolean force) {
        String pointer = store.current().map(VersionId::value).orElse("(none)");
        String advice = force ? "--force does not promote a model with NaN or Inf factors"
                : "see `trainer show " + id + "`; --force promotes anyway";
        return new GateRefusedException(id, "quality gate refused version " + id + " (published as rejected; current "
                + "stays " + pointer + "): " + String.join("; ", verdict.decision().reasons()) + ". " + advice);
    }

    private static void logVerdict(QualityGate.Verdict verdict) {
        Manifest.GateDecision d = verdict.decision();
        String comparison = d.metric() + " " + (d.candidate() == null ? "(none)" : format(d.candidate()))
                + (d.currentId() == null ? " (no current version)"
                : " vs current " + d.currentId() + " " + (d.current() == null ? "(none)" : format(d.current())))
                + ", tolerance " + d.tolerance();
        switch (verdict.status()) {
            case Manifest.ACCEPTED -> LOG.info("quality gate: passed: {}", comparison);
            case Manifest.FORCED -> LOG.warn("quality gate: refused, promoted anyway under --force (status forced): "
                    + "{}: {}", comparison, String.join("; ", d.reasons()));
            default -> LOG.warn("quality gate: refused (status rejected, the pointer stays): {}: {}", comparison,
                    String.join("; ", d.reasons()));
        }
    }

    private static void checkTrainable(RatingData data, Manifest.AlsParams als) {
        if (data.users() < als.rank() || data.items() < als.rank()) {
            throw new BadInputException("input is too small for rank " + als.rank() + ": " + data.users() + " users and "
                    + data.items() + " items (need at least rank of each) in " + String.join(", ", data.files()));
        }
    }

    /** Refuses, before fitting, a holdout that no gate decision could be based on. */
    private static void checkEvaluable(EvaluationSet set, HoldoutSplit split, FitRequest request) {
        String remedy = " (--holdout " + request.evaluation().holdoutFraction() + " by " + split.mode().label()
                + "); use a larger --holdout, --holdout-by random, or --holdout 0 to publish without evaluation";
        if (set.heldOutRatings() == 0) {
            throw new BadInputException("no rating was held out for evaluation" + remedy);
        }
        if (MetricNames.isRanking(request.gate().metric()) && set.usersWithRelevant() == 0) {
            throw new BadInputException("no held-out rating is relevant (rated at least --relevance-threshold "
                    + request.evaluation().relevanceThreshold() + "), so " + request.gate().metric()
                    + " cannot be computed" + remedy);
        }
    }

    private static String summary(Map<String, Double> metrics) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(metrics).forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(format(v)));
        return b.length() == 0 ? "(no metric could be computed)" : b.toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static Manifest.InputInfo inputInfo(FitRequest request, RatingData data) {
        IdKind ids = data.ids().kind();
        return new Manifest.InputInfo(request.input(), data.format().name().toLowerCase(Locale.ROOT),
                data.fingerprint(), data.rows(), data.users(), data.items(), data.badLines(),
                ids.mapped() ? ids.label() : null);
    }

    static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - startNanos) / 1e9);
    }
}
