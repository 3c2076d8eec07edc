package io.freshet.trainer;

import io.freshet.FreshetVersion;
import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactWriter;
import io.freshet.artifact.ModelArtifact;
import io.freshet.data.BadInputException;
import io.freshet.data.RatingData;
import io.freshet.data.RatingReader;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.StoreException;
import io.freshet.store.VersionId;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run, start to end: read and validate the ratings, fit ALS, write the version (Spark's ALS
 * layout, the factor and seen-item files), publish it, move the pointer. Each phase is logged with its time.
 */
public final class TrainingService {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);

    private final SparkSession spark;
    private final ModelStore store;
    private final Clock clock;

    public TrainingService(SparkSession spark, ModelStore store, Clock clock) {
        this.spark = spark;
        this.store = store;
        this.clock = clock;
    }

    public FitResult fit(FitRequest request) {
        int cleaned = store.cleanTemporaries(request.temporaryGrace());
        if (cleaned > 0) {
            LOG.info("removed {} leftover temporaries older than {}", cleaned, request.temporaryGrace());
        }
        long t0 = System.nanoTime();
        LOG.info("reading {}", request.input());
        RatingData data = new RatingReader(spark).read(request.input(), request.read());
        LOG.info("read {} ratings of {} users and {} items ({} format, {} bad lines) in {} s", data.rows(),
                data.users(), data.items(), data.format(), data.badLines(), seconds(t0));
        checkTrainable(data, request.als());

        long t1 = System.nanoTime();
        ALSModel model = fitAls(data, request.als());
        long trainingMillis = (System.nanoTime() - t1) / 1_000_000;

        long t2 = System.nanoTime();
        ModelStore.PendingVersion pending = store.begin();
        LOG.info("writing version {}", pending.id());
        writeVersion(pending, model, data);
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, pending.id().value(), clock.instant(),
                Manifest.ACCEPTED, FreshetVersion.get(), request.als(), inputInfo(request, data), trainingMillis,
                Map.of(), null, null);
        VersionId id = store.publish(pending, manifest);
        LOG.info("published version {} in {} s", id, seconds(t2));
        Optional<VersionId> previous = Optional.empty();
        if (request.promote()) {
            previous = store.promote(id);
            LOG.info("current: {} -> {}", previous.map(VersionId::value).orElse("(none)"), id);
        } else {
            LOG.info("version {} published without moving the pointer (--no-promote)", id);
        }
        data.ratings().unpersist();
        return new FitResult(id, store.manifest(id), request.promote(), previous);
    }

    private static void checkTrainable(RatingData data, Manifest.AlsParams als) {
        if (data.users() < als.rank() || data.items() < als.rank()) {
            throw new BadInputException("input is too small for rank " + als.rank() + ": " + data.users() + " users and "
                    + data.items() + " items (need at least rank of each) in " + String.join(", ", data.files()));
        }
    }

    private ALSModel fitAls(RatingData data, Manifest.AlsParams p) {
        LOG.info("fitting ALS: rank {}, {} iterations, reg-param {}, {}, seed {}", p.rank(), p.maxIter(), p.regParam(),
                p.implicitPrefs() ? "implicit (alpha " + p.alpha() + ")" : "explicit", p.seed());
        ALS als = new ALS().setUserCol("user").setItemCol("item").setRatingCol("rating")
                .setRank(p.rank()).setMaxIter(p.maxIter()).setRegParam(p.regParam()).setAlpha(p.alpha())
                .setImplicitPrefs(p.implicitPrefs()).setNonnegative(p.nonnegative()).setSeed(p.seed())
                .setColdStartStrategy("drop");
        FitProgress progress = new FitProgress("fit");
        spark.sparkContext().addSparkListener(progress);
        try {
            long t = System.nanoTime();
            ALSModel model = als.fit(data.ratings());
            model.userFactors().cache().count();
            model.itemFactors().cache().count();
            LOG.info("fitted ALS in {} s", seconds(t));
            return model;
        } finally {
            spark.sparkContext().removeSparkListener(progress);
        }
    }

    private void writeVersion(ModelStore.PendingVersion pending, ALSModel model, RatingData data) {
        Path dir = pending.path();
        String alsPath = new Path(dir, ArtifactFiles.ALS).toString();
        try {
            model.write().save(alsPath);
        } catch (IOException e) {
            throw new StoreException("cannot write the ALS model to " + alsPath + ": " + e.getMessage(), e);
        }
        ModelArtifact artifact = ArtifactExporter.export(model, data.ratings());
        FileSystem fs = store.fileSystem();
        Path factors = new Path(dir, ArtifactFiles.FACTORS);
        try (OutputStream out = fs.create(factors, false)) {
            ArtifactWriter.writeFactors(artifact, out);
        } catch (IOException e) {
            throw new StoreException("cannot write " + factors + ": " + e.getMessage(), e);
        }
        Path seen = new Path(dir, ArtifactFiles.SEEN);
        try (OutputStream out = fs.create(seen, false)) {
            ArtifactWriter.writeSeen(artifact.seen(), out);
        } catch (IOException e) {
            throw new StoreException("cannot write " + seen + ": " + e.getMessage(), e);
        }
        model.userFactors().unpersist();
        model.itemFactors().unpersist();
    }

    private static Manifest.InputInfo inputInfo(FitRequest request, RatingData data) {
        return new Manifest.InputInfo(request.input(), data.format().name().toLowerCase(java.util.Locale.ROOT),
                data.fingerprint(), data.rows(), data.users(), data.items(), data.badLines());
    }

    private static String seconds(long startNanos) {
        return String.format("%.2f", (System.nanoTime() - startNanos) / 1e9);
    }
}
