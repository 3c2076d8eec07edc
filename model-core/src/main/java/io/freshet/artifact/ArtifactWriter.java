package io.freshet.artifact;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes factors.bin and seen.bin (big-endian, docs/store-format.md). Plain data only: ids, counts and
 * floats, nothing a reader could execute.
 */
public final class ArtifactWriter {
    private ArtifactWriter() {
    }

    /** Creates a file by its name in a version directory: a pending version's {@code create} (see the store). */
    @FunctionalInterface
    public interface FileCreator {
        OutputStream create(String name) throws IOException;
    }

    /**
     * Writes factors.bin and seen.bin, each created by {@code files} and closed: the one way the trainer, the
     * benchmarks and the test fixtures write an artifact. An IOException names the file it failed on.
     */
    public static void writeFiles(ModelArtifact model, FileCreator files) throws IOException {
        writeFile(files, ArtifactFiles.FACTORS, out -> writeFactors(model, out));
        writeFile(files, ArtifactFiles.SEEN, out -> writeSeen(model.seen(), out));
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void writeFile(FileCreator files, String name, Body body) throws IOException {
        try (OutputStream out = files.create(name)) {
            body.writeTo(out);
        } catch (IOException e) {
            throw new IOException("cannot write " + name + ": " + e.getMessage(), e);
        }
    }

    /** Writes the factor file: header, users, items, popularity, end magic. Refuses NaN or Inf. */
    public static void writeFactors(ModelArtifact model, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.write(ArtifactFiles.FACTORS_MAGIC);
        data.writeInt(ArtifactFiles.BINARY_FORMAT);
        data.writeInt(model.rank());
        data.writeInt(model.users().size());
        data.writeInt(model.items().size());
        data.writeInt(model.popularItems().length);
        writeMatrix(model.users(), "user", data);
        writeMatrix(model.items(), "item", data);
        for (int i = 0; i < model.popularItems().length; i++) {
            data.writeInt(model.popularItems()[i]);
            data.writeInt(model.popularCounts()[i]);
        }
        data.write(ArtifactFiles.END_MAGIC);
        data.flush();
    }

    /** Writes the seen-item file: header, one record per user, end magic. */
    public static void writeSeen(SeenItems seen, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.write(ArtifactFiles.SEEN_MAGIC);
        data.writeInt(ArtifactFiles.BINARY_FORMAT);
        data.writeInt(seen.users());
        data.writeLong(seen.entries());
        int[] users = seen.userIds();
        int[] offsets = seen.offsets();
        int[] items = seen.itemIds();
        for (int u = 0; u < users.length; u++) {
            data.writeInt(users[u]);
            data.writeInt(offsets[u + 1] - offsets[u]);
            for (int k = offsets[u]; k < offsets[u + 1]; k++) {
                data.writeInt(items[k]);
            }
        }
        data.write(ArtifactFiles.END_MAGIC);
        data.flush();
    }

    private static void writeMatrix(FactorMatrix m, String side, DataOutputStream data) throws IOException {
        int rank = m.rank();
        float[] values = m.values();
        for (int r = 0; r < m.size(); r++) {
            data.writeInt(m.id(r));
            for (int k = 0; k < rank; k++) {
                float v = values[r * rank + k];
                if (!Float.isFinite(v)) {
                    throw new CorruptArtifactException(side + " " + m.id(r) + " has a non-finite factor " + v
                            + " at position " + k + ": such a model is never written");
                }
                data.writeFloat(v);
            }
        }
    }
}
