package io.freshet.artifact;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of consecutive user records of factors.bin or seen.bin, already encoded as the file holds them
 * (docs/store-format.md), with what a writer needs to check it: how many records, how many seen entries they
 * hold, and the first and last user id. Where the users are many, the records are encoded where they were computed
 * (a Spark executor, one range of users a partition) and a writer streams the blocks into the file in order
 * ({@link ArtifactWriter#writeFactors(int, int, java.util.Iterator, FactorMatrix, int[], int[], java.io.OutputStream)},
 * {@link ArtifactWriter#writeSeen(int, long, java.util.Iterator, java.io.OutputStream)}), holding one block at a
 * time.
 *
 * @param bytes   the records, big-endian
 * @param records user records in {@code bytes}
 * @param entries item entries of those records (seen.bin; 0 for factor records)
 * @param firstId the first record's user id
 * @param lastId  the last record's user id
 */
public record RecordBlock(byte[] bytes, int records, long entries, int firstId, int lastId) implements Serializable {
    /**
     * The size at which a {@link Builder} starts a new block: large enough to stream fast, and under half of G1's
     * smallest region (1 MiB), so that a block is an ordinary allocation rather than a humongous one.
     */
    public static final int TARGET_BYTES = 256 << 10;

    /**
     * Encodes user records in ascending user order into blocks of about {@link #TARGET_BYTES}. Refuses what no
     * reader would accept: a user id that does not ascend, a non-finite factor, a seen list that does not ascend.
     */
    public static final class Builder {
        private final List<RecordBlock> done = new ArrayList<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(TARGET_BYTES + 4096);
        private final DataOutputStream out = new DataOutputStream(buffer);
        private int records;
        private long entries;
        private int firstId;
        private int lastId;
        private boolean any;

        /** Adds a factor record: {@code user}, then {@code rank} floats of {@code values} from {@code offset}. */
        public Builder addFactors(int user, float[] values, int offset, int rank) {
            start(user);
            try {
                out.writeInt(user);
                for (int k = 0; k < rank; k++) {
                    float v = values[offset + k];
                    if (!Float.isFinite(v)) {
                        throw new CorruptArtifactException("user " + user + " has a non-finite factor " + v
                                + " at position " + k + ": such a model is never written");
                    }
                    out.writeFloat(v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            end(0);
            return this;
        }

        /** Adds a seen record: {@code user} and its items {@code items[from, to)}, strictly ascending. */
        public Builder addSeen(int user, int[] items, int from, int to) {
            start(user);
            try {
                out.writeInt(user);
                out.writeInt(to - from);
                for (int k = from; k < to; k++) {
                    if (k > from && items[k] <= items[k - 1]) {
                        throw new IllegalArgumentException("seen items of user " + user + " must ascend: " + items[k]
                                + " follows " + items[k - 1]);
                    }
                    out.writeInt(items[k]);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            end(to - from);
            return this;
        }

        private void start(int user) {
            if (any && user <= lastId) {
                throw new IllegalArgumentException("user records must ascend by id: " + user + " follows " + lastId);
            }
            if (records == 0) {
                firstId = user;
            }
            lastId = user;
            any = true;
        }

        private void end(int items) {
            records++;
            entries += items;
            if (buffer.size() >= TARGET_BYTES) {
                cut();
            }
        }

        private void cut() {
            if (records > 0) {
                done.add(new RecordBlock(buffer.toByteArray(), records, entries, firstId, lastId));
                buffer.reset();
                records = 0;
                entries = 0;
            }
        }

        /** The blocks, the last one possibly short; none when nothing was added. */
        public List<RecordBlock> build() {
            cut();
            return List.copyOf(done);
        }
    }
}
