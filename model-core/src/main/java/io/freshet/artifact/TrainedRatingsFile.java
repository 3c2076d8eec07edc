package io.freshet.artifact;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One shard of a version's trained ratings, {@code ratings/part-NNNNN.bin} (docs/store-format.md): magic
 * {@code FRSHRATE}, binary format 1, users {@code U} int32, entries {@code E} int64, then per user ascending:
 * user id int32, count {@code n} int32 (at least 1), {@code n} item ids int32 ascending, {@code n} ratings float32;
 * then the end magic. Shards are written by the trainer's executors, one per partition of the ratings ranged by
 * user, so each shard's users follow the previous shard's.
 */
public final class TrainedRatingsFile {
    /** The directory of the shards inside a version. */
    public static final String DIRECTORY = "ratings";
    static final byte[] MAGIC = {'F', 'R', 'S', 'H', 'R', 'A', 'T', 'E'};
    private static final int HEADER_BYTES = 8 + 4 + 4 + 8;

    private TrainedRatingsFile() {
    }

    /** The shard file name of a partition: {@code ratings/part-00007.bin}. */
    public static String shardName(int partition) {
        return String.format(java.util.Locale.ROOT, "%s/part-%05d.bin", DIRECTORY, partition);
    }

    public static void write(TrainedRatings ratings, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.write(MAGIC);
        data.writeInt(ArtifactFiles.BINARY_FORMAT);
        data.writeInt(ratings.users());
        data.writeLong(ratings.entries());
        for (int u = 0; u < ratings.users(); u++) {
            int from = ratings.from(u);
            int to = ratings.to(u);
            data.writeInt(ratings.userIds()[u]);
            data.writeInt(to - from);
            for (int i = from; i < to; i++) {
                data.writeInt(ratings.item(i));
            }
            for (int i = from; i < to; i++) {
                data.writeFloat(ratings.rating(i));
            }
        }
        data.write(ArtifactFiles.END_MAGIC);
        data.flush();
    }

    /**
     * Reads a shard of {@code length} bytes; its header's declared size must equal {@code length} before anything
     * is allocated. Any violation is a CorruptArtifactException naming the file.
     */
    public static TrainedRatings read(InputStream in, long length, String name) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            ArtifactRecords.expectMagic(data, MAGIC, name);
            ArtifactRecords.expectFormat(data, name);
            int users = data.readInt();
            long entries = data.readLong();
            if (users < 0 || entries < users || entries > Integer.MAX_VALUE - 8) {
                throw ArtifactRecords.corrupt(name, "bad shape: " + users + " users, " + entries + " entries");
            }
            ArtifactRecords.expectLength(HEADER_BYTES + 8L * users + 8 * entries + ArtifactFiles.END_MAGIC.length,
                    length, name);
            int[] userIds = new int[users];
            int[] offsets = new int[users + 1];
            int[] items = new int[(int) entries];
            float[] ratings = new float[(int) entries];
            int at = 0;
            for (int u = 0; u < users; u++) {
                userIds[u] = data.readInt();
                int n = data.readInt();
                if (u > 0 && userIds[u] <= userIds[u - 1]) {
                    throw ArtifactRecords.corrupt(name, "users not ascending at record " + u);
                }
                if (n < 1 || n > entries - at) {
                    throw ArtifactRecords.corrupt(name, "user " + userIds[u] + " has " + n
                            + " ratings, which does not fit the " + entries + " entries declared");
                }
                for (int i = at; i < at + n; i++) {
                    items[i] = data.readInt();
                    if (i > at && items[i] < items[i - 1]) {
                        throw ArtifactRecords.corrupt(name, "items of user " + userIds[u] + " not ascending");
                    }
                }
                for (int i = at; i < at + n; i++) {
                    ratings[i] = data.readFloat();
                    if (!Float.isFinite(ratings[i])) {
                        throw ArtifactRecords.corrupt(name, "rating of user " + userIds[u] + " is not finite");
                    }
                }
                at += n;
                offsets[u + 1] = at;
            }
            if (at != entries) {
                throw ArtifactRecords.corrupt(name, "holds " + at + " entries, its header declares " + entries);
            }
            ArtifactRecords.expectEnd(data, name);
            return new TrainedRatings(userIds, offsets, items, ratings);
        } catch (EOFException e) {
            throw ArtifactRecords.corrupt(name, "truncated (ends before its declared content)");
        }
    }
}
