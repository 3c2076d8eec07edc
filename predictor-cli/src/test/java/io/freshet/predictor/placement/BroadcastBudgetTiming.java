package io.freshet.predictor.placement;

import io.freshet.predictor.LocalSpark;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ModelLoader;
import io.freshet.serving.ServingModel;
import io.freshet.store.ModelStore;
import io.freshet.store.VersionId;
import io.freshet.testing.ModelFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Run by hand, not a test: one synthetic model (USERS users x 20,000 items, rank 10, 20 seen items per user)
 * placed both ways on local[2], whole broadcast and users joined, then BATCHES batches of EVENTS random
 * known-user events (2 partitions, top-10, seen excluded) scored through {@link ScoredBatch}. Prints the
 * placement time and each batch's wall time; asserts nothing (docs/performance.md).
 * <pre>
 *   mvn -B -o -q -pl predictor-cli -am test-compile
 *   mvn -B -o -q -pl predictor-cli dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   java $(sed -n 's:.*&lt;freshet.jvm.options&gt;\(.*\)&lt;/freshet.jvm.options&gt;.*:\1:p' pom.xml) -Xmx3g \
 *       -cp predictor-cli/target/test-classes:predictor-cli/target/classes:model-core/target/test-classes:model-core/target/classes:$(cat predictor-cli/target/cp.txt) \
 *       io.freshet.predictor.placement.BroadcastBudgetTiming [USERS [EVENTS [BATCHES]]]
 * </pre>
 */
public final class BroadcastBudgetTiming {
    private BroadcastBudgetTiming() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        Path work = Files.createTempDirectory("budget-timing");
        JavaSparkContext jsc = LocalSpark.start(BroadcastBudgetTiming.class);
        try {
            ModelStore store = ModelStore.open(work.resolve("store").toString(), new Configuration());
            VersionId v = ModelFixtures.publishCurrent(store, ModelFixtures.random(users, 20_000, 10, 20, 1));
            ServingModel model = new ModelLoader(store).load(v);
            System.out.printf("model: %d users, %d bytes as the budget counts them%n", users, ModelPlacement.bytes(model));
            SplittableRandom random = new SplittableRandom(7);
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                batch.add(String.valueOf(random.nextInt(users) + 1));
            }
            EventProcessor processor = new EventProcessor(10, true);
            for (long budget : new long[] {Long.MAX_VALUE, 0}) {
                long t0 = System.nanoTime();
                BroadcastModel served = new BroadcastModel(jsc, store, budget);
                served.accept(model);
                long placeMillis = (System.nanoTime() - t0) / 1_000_000;
                long[] millis = new long[batches];
                for (int r = 0; r < batches; r++) {
                    JavaRDD<String> rdd = jsc.parallelize(batch, 2);
                    long t1 = System.nanoTime();
                    try (BroadcastModel.Lease lease = served.acquire().orElseThrow();
                         ScoredBatch scored = new ScoredBatch(rdd, lease, processor)) {
                        long records = scored.outputs().count();
                        if (records != events) {
                            throw new IllegalStateException(records + " records for " + events + " events");
                        }
                    }
                    millis[r] = (System.nanoTime() - t1) / 1_000_000;
                }
                long[] later = Arrays.copyOfRange(millis, 1, millis.length);
                Arrays.sort(later);
                System.out.printf("%s: place %d ms, first batch %d ms, later batches median %d ms %s%n",
                        budget == 0 ? "users joined" : "whole broadcast", placeMillis, millis[0],
                        later[later.length / 2], Arrays.toString(millis));
                served.close();
            }
        } finally {
            jsc.stop();
        }
    }
}
