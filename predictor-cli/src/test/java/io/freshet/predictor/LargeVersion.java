package io.freshet.predictor;

import io.freshet.FreshetVersion;
import io.freshet.artifact.ArtifactFiles;
import io.freshet.store.Manifest;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A version too large to build in memory, written straight into a store as a stream of records (docs/store-format.md,
 * "The artifact files"): users 1..U and items 1..I with random factors from a seed, each user having seen {@code seen}
 * consecutive items, popularity by ascending id. Nothing is held but one record, so a test JVM writes a user side of
 * hundreds of megabytes in seconds; the store takes its size, SHA-256 and chunk digests as it is written.
 */
final class LargeVersion {
    private static final byte[] FACTORS_MAGIC = "FRSHFACT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEEN_MAGIC = "FRSHSEEN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "FRSH_END".getBytes(StandardCharsets.US_ASCII);

    private final int users;
    private final int items;
    private final int rank;
    private final int seen;
    private final long seed;

    LargeVersion(int users, int items, int rank, int seen, long seed) {
        this.users = users;
        this.items = items;
        this.rank = rank;
        this.seen = seen;
        this.seed = seed;
    }

    /** Bytes of the user side as the broadcast budget counts it: user records and seen.bin's records. */
    long userSideBytes() {
        return (long) users * (4 + 4L * rank) + (long) users * (8 + 4L * seen);
    }

    /** Writes and publishes the version (the pointer does not move). */
    VersionId publish(ModelStore store) {
        ModelStore.PendingVersion pending = store.begin();
        try {
            try (DataOutputStream out = data(pending.create(ArtifactFiles.FACTORS))) {
                writeFactors(out);
            }
            try (DataOutputStream out = data(pending.create(ArtifactFiles.SEEN))) {
                writeSeen(out);
            }
        } catch (IOException e) {
            pending.discard();
            throw new UncheckedIOException(e);
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, pending.id().value(), Instant.now(), Manifest.ACCEPTED,
                FreshetVersion.get(), new Manifest.AlsParams(rank, 1, 0.1, 1.0, false, false, seed),
                new Manifest.InputInfo("generated", "movielens", "0", (long) users * seen, users, items, 0), 1, Map.of(),
                null, null);
        return store.publish(pending, manifest);
    }

    private static DataOutputStream data(OutputStream out) {
        return new DataOutputStream(new BufferedOutputStream(out, 1 << 20));
    }

    private void writeFactors(DataOutputStream out) throws IOException {
        out.write(FACTORS_MAGIC);
        out.writeInt(ArtifactFiles.BINARY_FORMAT);
        out.writeInt(rank);
        out.writeInt(users);
        out.writeInt(items);
        out.writeInt(items);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int side = 0; side < 2; side++) {
            int count = side == 0 ? users : items;
            for (int id = 1; id <= count; id++) {
                out.writeInt(id);
                for (int k = 0; k < rank; k++) {
                    out.writeFloat((float) (rnd.nextDouble() * 2 - 1));
                }
            }
        }
        for (int id = 1; id <= items; id++) {
            out.writeInt(id);
            out.writeInt(items - id + 1);
        }
        out.write(END);
    }

    private void writeSeen(DataOutputStream out) throws IOException {
        out.write(SEEN_MAGIC);
        out.writeInt(ArtifactFiles.BINARY_FORMAT);
        out.writeInt(users);
        out.writeLong((long) users * seen);
        for (int id = 1; id <= users; id++) {
            out.writeInt(id);
            out.writeInt(seen);
            int first = (int) ((id * 31L) % (items - seen)) + 1;
            for (int k = 0; k < seen; k++) {
                out.writeInt(first + k);
            }
        }
        out.write(END);
    }
}
