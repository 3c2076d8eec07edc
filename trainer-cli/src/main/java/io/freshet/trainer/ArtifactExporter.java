package io.freshet.trainer;

import io.freshet.artifact.ArtifactFiles;
import io.freshet.artifact.ArtifactWriter;
import io.freshet.artifact.FactorMatrix;
import io.freshet.data.RatingIndex;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes a fitted ALSModel as the files the predictor serves (docs/store-format.md): factors.bin (users sorted by
 * id, items, items by popularity) and seen.bin (each user's rated items). The user records of both are encoded on
 * the executors and streamed into the files a partition at a time ({@link UserRecords}); the driver holds the item
 * factors and the popularity list, which grow with the catalogue only.
 */
final class ArtifactExporter {
    private ArtifactExporter() {
    }

    /**
     * Writes factors.bin and seen.bin of {@code model} with {@code ratings}' seen items and {@code index}'s
     * popularity: what a version serves is fitted on the training part but excludes, and falls back on, every rating
     * of the input, so that a held-out rating is never recommended back to its user (docs/store-format.md,
     * "seen.bin").
     *
     * @param items the model's item factors, collected
     */
    static void write(ALSModel model, FactorMatrix items, Dataset<Row> ratings, RatingIndex index,
                      ArtifactWriter.FileCreator files) throws IOException {
        int[] popular = index.popularItems();
        int[] counts = index.popularCounts();
        int kept = 0;
        for (int i = 0; i < popular.length; i++) {
            if (items.rowOf(popular[i]) >= 0) {
                popular[kept] = popular[i];
                counts[kept++] = counts[i];
            }
        }
        UserRecords.Encoded users = UserRecords.factors(model.userFactors(), model.rank(), index.users());
        try (OutputStream out = files.create(ArtifactFiles.FACTORS)) {
            ArtifactWriter.writeFactors(model.rank(), users.users(), users.stream(), items,
                    Arrays.copyOf(popular, kept), Arrays.copyOf(counts, kept), out);
        } catch (IOException e) {
            throw new IOException("cannot write " + ArtifactFiles.FACTORS + ": " + e.getMessage(), e);
        } finally {
            users.release();
        }
        UserRecords.Encoded seen = UserRecords.seen(ratings, index.ratings());
        try (OutputStream out = files.create(ArtifactFiles.SEEN)) {
            ArtifactWriter.writeSeen(seen.users(), seen.entries(), seen.stream(), out);
        } catch (IOException e) {
            throw new IOException("cannot write " + ArtifactFiles.SEEN + ": " + e.getMessage(), e);
        } finally {
            seen.release();
        }
    }
}
