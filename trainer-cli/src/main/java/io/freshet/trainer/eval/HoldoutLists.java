package io.freshet.trainer.eval;

import io.freshet.PrimitiveList;
import io.freshet.artifact.FactorMatrix;
import io.freshet.artifact.SeenItems;
import io.freshet.scoring.Scorer;
import io.freshet.scoring.TopN;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The top-k list of every holdout user, computed on the executors beside the user's relevant items: a model's (the
 * Scorer's blocked kernel over the broadcast item factors, the user's training items left out; empty for a user the
 * model does not know) or the most-popular baseline's. The driver broadcasts the item side and receives sums only.
 */
final class HoldoutLists {
    private HoldoutLists() {
    }

    /** A holdout user, its list (best first), relevant items (ascending), and whether the model knew the user. */
    record UserList(int user, int[] list, int[] relevant, boolean scored) implements Serializable {
    }

    /** The scorer of {@code items} with no users: what {@link #ofModel} broadcasts. */
    static Scorer itemSide(FactorMatrix items) {
        return Scorer.create(new FactorMatrix(items.rank(), new int[0], new float[0]), items, SeenItems.empty());
    }

    /**
     * Every holdout user's top-k from a model whose user factors are {@code userFactors} (ALS's frame: {@code id},
     * {@code features}) and item factors {@code items}, the {@link #itemSide} broadcast.
     */
    static JavaRDD<UserList> ofModel(EvaluationSet set, Dataset<Row> userFactors, Broadcast<Scorer> items) {
        Dataset<Row> users = set.users();
        Dataset<Row> joined = users.join(userFactors, users.col(EvaluationSet.USER).equalTo(userFactors.col("id")),
                        "left_outer")
                .select(users.col(EvaluationSet.USER), users.col(EvaluationSet.RELEVANT), users.col(EvaluationSet.SEEN),
                        userFactors.col("features"));
        return joined.javaRDD().mapPartitions(new RankPartition(items, set.k()));
    }

    /**
     * The most-popular baseline: for each holdout user the first k items of {@code popularItems} (training
     * popularity, most popular first, broadcast) that the user did not rate in training.
     */
    static JavaRDD<UserList> popular(EvaluationSet set, Broadcast<int[]> popular) {
        int k = set.k();
        return set.users().javaRDD().map((Function<Row, UserList>) row -> new UserList(row.getInt(0),
                firstUnseen(popular.value(), ints(row, 2), k), ints(row, 1), true));
    }

    /** The first {@code k} of {@code ranked} not in {@code seenSorted}. */
    static int[] firstUnseen(int[] ranked, int[] seenSorted, int k) {
        int[] out = new int[Math.min(k, ranked.length)];
        int n = 0;
        for (int i = 0; i < ranked.length && n < out.length; i++) {
            if (Arrays.binarySearch(seenSorted, ranked[i]) < 0) {
                out[n++] = ranked[i];
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    static int[] ints(Row row, int at) {
        List<Integer> values = row.getList(at);
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /**
     * Ranks one partition's holdout users: those with factors through one scorer over the partition's users (their
     * training items as its seen items), the others with an empty list (executor side).
     */
    private static final class RankPartition implements FlatMapFunction<Iterator<Row>, UserList> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<Scorer> itemSide;
        private final int k;

        RankPartition(Broadcast<Scorer> itemSide, int k) {
            this.itemSide = itemSide;
            this.k = k;
        }

        @Override
        public Iterator<UserList> call(Iterator<Row> rows) {
            Scorer items = itemSide.value();
            int rank = items.rank();
            List<Row> known = new ArrayList<>();
            List<UserList> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.isNullAt(3)) {
                    out.add(new UserList(row.getInt(0), new int[0], ints(row, 1), false));
                } else {
                    known.add(row);
                }
            }
            if (known.isEmpty()) {
                return out.iterator();
            }
            known.sort((a, b) -> Integer.compare(a.getInt(0), b.getInt(0)));
            int[] ids = new int[known.size()];
            float[] values = new float[known.size() * rank];
            int[] offsets = new int[known.size() + 1];
            PrimitiveList.Ints seen = new PrimitiveList.Ints(known.size() * 16);
            int[] rowsToRank = new int[known.size()];
            for (int u = 0; u < known.size(); u++) {
                Row row = known.get(u);
                ids[u] = row.getInt(0);
                System.arraycopy(FactorFrames.features(row, 3, rank), 0, values, u * rank, rank);
                for (int item : ints(row, 2)) {
                    seen.add(item);
                }
                offsets[u + 1] = seen.size();
                rowsToRank[u] = u;
            }
            FactorMatrix users = new FactorMatrix(rank, ids, values);
            Scorer scorer = items.withUsers(users, new SeenItems(ids, offsets, seen.toArray()));
            TopN[] top = scorer.topN(rowsToRank, k, true, 1);
            for (int u = 0; u < known.size(); u++) {
                out.add(new UserList(ids[u], top[u].itemIds(), ints(known.get(u), 1), true));
            }
            return out.iterator();
        }
    }
}
