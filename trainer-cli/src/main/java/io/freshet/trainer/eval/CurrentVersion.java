package io.freshet.trainer.eval;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.FactorMatrix;
import io.freshet.ids.Ids;
import io.freshet.serving.ModelLoader;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The version the pointer names, loaded to be scored on this run's holdout: its factors, its id space, and the
 * path of its ALS layout for the regression metrics. Once {@link IdTranslation} has re-indexed its factors into
 * the candidate's id space, {@code translated} is true and its ALS layout (which holds its own indices) is not
 * used: the regression metrics run on a model made of the re-indexed factors.
 *
 * @param ids        the version's id space (its factors' ids are indices of it, until translated)
 * @param translated true when the factors are in the candidate's id space rather than the version's own
 */
public record CurrentVersion(VersionId id, FactorMatrix users, FactorMatrix items, String alsPath, Ids ids,
                             boolean translated) {

    /**
     * Loads {@code id} once, as the predictor would (ModelLoader: manifest, checksums, format, finite factors, id
     * dictionaries), keeping its factor matrices to rank them against this run's training items rather than its own
     * seen items.
     *
     * @throws io.freshet.CorruptVersionException when the version is not fit to serve
     */
    public static CurrentVersion load(ModelStore store, VersionId id) {
        ModelLoader.Loaded loaded = new ModelLoader(store).loadWithFactors(id);
        return new CurrentVersion(id, loaded.users(), loaded.items(),
                new Path(store.versionPath(id), ArtifactFiles.ALS).toString(), loaded.ids(), false);
    }

    /** This version with its factors re-indexed into another id space. */
    CurrentVersion translatedTo(FactorMatrix users, FactorMatrix items) {
        return new CurrentVersion(id, users, items, alsPath, ids, true);
    }

    /** The model Spark's transform scores with: the version's ALS layout, or one made of the translated factors. */
    public ALSModel alsModel(SparkSession spark) {
        if (!translated) {
            return ALSModel.load(alsPath);
        }
        ALSModel saved = ALSModel.load(alsPath);
        // ALSModel's constructor is Scala's private[ml], public to Java: the only way to give Spark other factors
        return new ALSModel(saved.uid(), users.rank(), frame(spark, users), frame(spark, items))
                .setUserCol(saved.getUserCol()).setItemCol(saved.getItemCol())
                .setPredictionCol(saved.getPredictionCol()).setColdStartStrategy(saved.getColdStartStrategy());
    }

    /** A factor matrix as ALS's factor frame: {@code id} int, {@code features} array of floats. */
    private static Dataset<Row> frame(SparkSession spark, FactorMatrix factors) {
        List<Row> rows = new ArrayList<>(factors.size());
        for (int r = 0; r < factors.size(); r++) {
            float[] f = factors.row(r);
            Float[] boxed = new Float[f.length];
            for (int k = 0; k < f.length; k++) {
                boxed[k] = f[k];
            }
            rows.add(RowFactory.create(factors.id(r), boxed));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false));
        return spark.createDataFrame(rows, schema);
    }
}
