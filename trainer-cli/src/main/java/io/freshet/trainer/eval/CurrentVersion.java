package io.freshet.trainer.eval;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.FactorMatrix;
import io.freshet.ids.Ids;
import io.freshet.serving.ItemSideLoader;
import io.freshet.serving.ModelLoader;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The version the pointer names, loaded to be scored on this run's holdout: its item factors on the driver, its user
 * factors where they are (the executors, from its ALS layout; or the driver, when loaded whole), its id space, and
 * the path of its ALS layout for the regression metrics. Once {@link IdTranslation} has re-indexed its factors into
 * the candidate's id space, {@code translated} is true and its ALS layout (which holds its own indices) is not
 * used: the scores run on frames made of the re-indexed factors.
 *
 * @param users      the user factors when loaded whole on the driver; null when the executors read them
 * @param ids        the version's id space (its factors' ids are indices of it, until translated)
 * @param translated true when the factors are in the candidate's id space rather than the version's own
 */
public record CurrentVersion(VersionId id, FactorMatrix users, FactorMatrix items, String alsPath, Ids ids,
                             boolean translated) {

    /**
     * Loads {@code id} once, as the predictor would. A version of int ids with chunk digests, when {@code whole} is
     * false, is loaded as the predictor loads a model over its broadcast budget: the driver reads and checks its
     * manifest and item side ({@link ItemSideLoader}), and the executors read its user factors from its ALS layout.
     * Otherwise the driver loads it whole ({@link ModelLoader}: manifest, checksums, format, finite factors, id
     * dictionaries): what {@link IdTranslation} needs to re-index a version of mapped ids. Either way the executors
     * check the files of its ALS layout against the manifest ({@link AlsLayoutCheck}) before anything reads them.
     *
     * @throws io.freshet.CorruptVersionException when the version is not fit to serve, or its ALS layout differs from
     *                                            what its manifest lists
     */
    public static CurrentVersion load(SparkSession spark, ModelStore store, VersionId id, boolean whole) {
        String alsPath = new Path(store.versionPath(id), ArtifactFiles.ALS).toString();
        Manifest manifest = store.manifest(id);
        AlsLayoutCheck.check(spark, store, id, manifest, ArtifactFiles.ALS + "/");
        if (!whole && !manifest.idKind().mapped() && ItemSideLoader.splittable(manifest)) {
            ItemSideLoader.ItemSide side = new ItemSideLoader(store).load(id, manifest);
            return new CurrentVersion(id, null, side.model().scorer().itemFactors(), alsPath, Ids.INT, false);
        }
        ModelLoader.Loaded loaded = new ModelLoader(store).loadWithFactors(id);
        return new CurrentVersion(id, loaded.users(), loaded.items(), alsPath, loaded.ids(), false);
    }

    /** True when the user factors are on the driver (a whole load). */
    public boolean usersOnDriver() {
        return users != null;
    }

    /** This version with its factors re-indexed into another id space. */
    CurrentVersion translatedTo(FactorMatrix users, FactorMatrix items) {
        return new CurrentVersion(id, users, items, alsPath, ids, true);
    }

    /** The user factors as ALS's frame ({@code id}, {@code features}). */
    Dataset<Row> userFrame(SparkSession spark) {
        return users != null ? FactorFrames.frame(spark, users) : ALSModel.load(alsPath).userFactors();
    }

    /** The model Spark's transform scores with: the version's ALS layout, or one made of the translated factors. */
    public ALSModel alsModel(SparkSession spark) {
        ALSModel saved = ALSModel.load(alsPath);
        if (!translated) {
            return saved;
        }
        // ALSModel's constructor is Scala's private[ml], public to Java: the only way to give Spark other factors
        return new ALSModel(saved.uid(), users.rank(), FactorFrames.frame(spark, users), FactorFrames.frame(spark, items))
                .setUserCol(saved.getUserCol()).setItemCol(saved.getItemCol())
                .setPredictionCol(saved.getPredictionCol()).setColdStartStrategy(saved.getColdStartStrategy());
    }
}
