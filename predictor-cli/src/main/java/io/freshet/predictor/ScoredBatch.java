package io.freshet.predictor;

import io.freshet.serving.EventProcessor;
import io.freshet.serving.ServingModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * One micro-batch scored on the executors with the model of a lease: each partition runs the shared
 * {@link EventProcessor}, over the broadcast model (no join, no shuffle) or, for a model over the broadcast
 * budget, over the broadcast items and the users joined to the partition ({@link JoinedUsers}). The results are
 * kept once so that outputs and errors are written without scoring twice. Output lines are tagged 'O' and carry
 * their user ('O' USER TAB JSON), error lines 'E'.
 */
final class ScoredBatch implements AutoCloseable {
    private final JavaRDD<String> tagged;
    private Counts counts;

    /** How many output and error records a batch produced; every event gives exactly one of them. */
    record Counts(long outputs, long errors) {
        long events() {
            return outputs + errors;
        }
    }

    ScoredBatch(JavaRDD<String> events, BroadcastModel.Lease model, EventProcessor processor) {
        this.tagged = model.score(events, processor).persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** The tagged lines of one partition's result: outputs first, then errors, each in input order. */
    static List<String> tag(EventProcessor.Result r) {
        List<String> tagged = new ArrayList<>(r.outputs().size() + r.errors().size());
        r.outputs().forEach(o -> tagged.add("O" + o.user() + "\t" + o.json()));
        r.errors().forEach(e -> tagged.add("E" + e));
        return tagged;
    }

    /** Scores the batch (the first action over it; the results stay cached) and counts its records. */
    Counts counts() {
        if (counts == null) {
            // aggregate, not countByValue: one stage, no shuffle
            long[] outputsAndErrors = tagged.aggregate(new long[2], (n, line) -> {
                n[line.charAt(0) == 'O' ? 0 : 1]++;
                return n;
            }, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            counts = new Counts(outputsAndErrors[0], outputsAndErrors[1]);
        }
        return counts;
    }

    /** Output records as JSON. */
    JavaRDD<String> outputs() {
        return tagged.filter(s -> s.charAt(0) == 'O').map(s -> s.substring(s.indexOf('\t') + 1));
    }

    /** Output records as (user id, JSON): the user is the Kafka key. */
    JavaRDD<scala.Tuple2<String, String>> keyedOutputs() {
        return tagged.filter(s -> s.charAt(0) == 'O').map(s -> {
            int tab = s.indexOf('\t');
            return new scala.Tuple2<>(s.substring(1, tab), s.substring(tab + 1));
        });
    }

    JavaRDD<String> errors() {
        return tagged.filter(s -> s.charAt(0) == 'E').map(s -> s.substring(1));
    }

    @Override
    public void close() {
        tagged.unpersist(false);
    }

    /** The per-partition scoring function over a whole broadcast model (a static class so it captures only what it needs). */
    static final class Score implements FlatMapFunction<Iterator<String>, String> {
        private final Broadcast<ServingModel> model;
        private final EventProcessor processor;

        Score(Broadcast<ServingModel> model, EventProcessor processor) {
            this.model = model;
            this.processor = processor;
        }

        @Override
        public Iterator<String> call(Iterator<String> events) {
            List<String> batch = new ArrayList<>();
            events.forEachRemaining(batch::add);
            if (batch.isEmpty()) {
                return java.util.Collections.emptyIterator();
            }
            return tag(processor.process(model.value(), batch)).iterator();
        }
    }
}
