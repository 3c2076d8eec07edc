package io.freshet.predictor.executor;

import io.freshet.events.EventCodec;
import io.freshet.events.Event;
import io.freshet.ids.Ids;
import io.freshet.events.ParsedEvent;
import io.freshet.serving.EventProcessor;
import io.freshet.serving.ServingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The functions that score a batch's partitions on the executors, with the shared {@link EventProcessor}: over a
 * whole broadcast model ({@link Whole}), or over the broadcast items and the users of the same partition
 * ({@link KeyByUser} then {@link WithUsers}). Static classes, so that each captures only what it needs.
 */
public final class PartitionScoring {
    private PartitionScoring() {
    }

    /** Scores one partition with the whole broadcast model (no join, no shuffle). */
    public static final class Whole implements FlatMapFunction<Iterator<String>, BatchRecord> {
        private final Broadcast<ServingModel> model;
        private final EventProcessor processor;

        public Whole(Broadcast<ServingModel> model, EventProcessor processor) {
            this.model = model;
            this.processor = processor;
        }

        @Override
        public Iterator<BatchRecord> call(Iterator<String> events) {
            List<String> batch = new ArrayList<>();
            events.forEachRemaining(batch::add);
            if (batch.isEmpty()) {
                return Collections.emptyIterator();
            }
            return BatchRecord.of(processor.process(model.value(), batch)).iterator();
        }
    }

    /**
     * Keys each event by its user so that it meets its user's partition. Blank lines are dropped here (they are
     * not events); a malformed event has no user and is keyed by its text's hash, only to spread such events: the
     * partition that gets it reports it as the broadcast path does.
     */
    public static final class KeyByUser implements PairFlatMapFunction<Iterator<String>, Integer, String> {
        private final Broadcast<ServingModel> model;

        /** Keys by the user of events read in {@code model}'s id space (its user index, for mapped ids). */
        public KeyByUser(Broadcast<ServingModel> model) {
            this.model = model;
        }

        @Override
        public Iterator<Tuple2<Integer, String>> call(Iterator<String> events) {
            Ids ids = model.value().ids();
            List<Tuple2<Integer, String>> keyed = new ArrayList<>();
            while (events.hasNext()) {
                String raw = events.next();
                if (raw != null && EventCodec.isBlank(raw)) {
                    continue;
                }
                int key = EventCodec.parse(raw, ids) instanceof ParsedEvent.Ok ok
                        && (ok.event().userName() == null || ok.event().user() != Event.UNKNOWN)
                        ? ok.event().user() : Objects.hashCode(raw); // users a dictionary lacks spread like errors
                keyed.add(new Tuple2<>(key, raw));
            }
            return keyed.iterator();
        }
    }

    /** Scores one partition of keyed events with the broadcast items and the users of the same partition. */
    public static final class WithUsers
            implements FlatMapFunction2<Iterator<Tuple2<Integer, String>>, Iterator<UserBlock>, BatchRecord> {
        private final Broadcast<ServingModel> items;
        private final EventProcessor processor;

        public WithUsers(Broadcast<ServingModel> items, EventProcessor processor) {
            this.items = items;
            this.processor = processor;
        }

        @Override
        public Iterator<BatchRecord> call(Iterator<Tuple2<Integer, String>> events, Iterator<UserBlock> blocks) {
            List<String> raw = new ArrayList<>();
            int[] keys = new int[16];
            while (events.hasNext()) {
                Tuple2<Integer, String> e = events.next();
                if (raw.size() == keys.length) {
                    keys = Arrays.copyOf(keys, keys.length * 2);
                }
                keys[raw.size()] = e._1();
                raw.add(e._2());
            }
            if (raw.isEmpty()) {
                return Collections.emptyIterator();
            }
            if (!blocks.hasNext()) {
                throw new IllegalStateException("the cached users of version " + items.value().version()
                        + " have no block for this partition");
            }
            UserBlock.Selection wanted = blocks.next().select(Arrays.copyOf(keys, raw.size()));
            ServingModel model = items.value().withUsers(wanted.users(), wanted.seen());
            return BatchRecord.of(processor.process(model, raw)).iterator();
        }
    }
}
