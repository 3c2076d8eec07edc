package io.freshet.serving;

import io.freshet.PrimitiveList;
import io.freshet.events.Event;
import io.freshet.events.EventCodec;
import io.freshet.events.OutputRecords;
import io.freshet.events.ParsedEvent;
import io.freshet.scoring.Scorer;
import io.freshet.scoring.TopN;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The one scoring path of every engine (DStream, Kafka, transform): parses a batch of raw events, scores
 * all recommendation requests of known users in one blocked top-N call, and returns output records and
 * error records in input order. Unknown users get the popular items; pairs with an unknown side get an
 * error field; malformed events become error records. Nothing is dropped.
 */
public final class EventProcessor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int topN;
    private final boolean excludeSeen;

    public EventProcessor(int topN, boolean excludeSeen) {
        if (topN < 1) {
            throw new IllegalArgumentException("top N must be at least 1, got " + topN);
        }
        this.topN = topN;
        this.excludeSeen = excludeSeen;
    }

    /** Output records (with the user each is about, the Kafka key) and error records of one batch, in input order. */
    public record Result(List<Output> outputs, List<String> errors) {
        /** The output records' JSON alone. */
        public List<String> outputJson() {
            return outputs.stream().map(Output::json).toList();
        }
    }

    /** One output record and the user it is about. */
    public record Output(int user, String json) implements Serializable {
    }

    public Result process(ServingModel model, Iterable<String> rawEvents) {
        return process(model, rawEvents, 1);
    }

    /** As {@link #process(ServingModel, Iterable)}, scoring with up to {@code threads} threads. */
    public Result process(ServingModel model, Iterable<String> rawEvents, int threads) {
        Scorer scorer = model.scorer();
        List<ParsedEvent> parsed = new ArrayList<>();
        PrimitiveList.Ints eventRows = new PrimitiveList.Ints(); // the user row of each parsed event, looked up once
        PrimitiveList.Ints rows = new PrimitiveList.Ints();
        for (String raw : rawEvents) {
            if (raw != null && EventCodec.isBlank(raw)) {
                continue; // blank lines separate nothing and are not events (docs/events.md)
            }
            ParsedEvent p = EventCodec.parse(raw);
            int row = p instanceof ParsedEvent.Ok ok ? scorer.userRow(ok.event().user()) : -1;
            eventRows.add(row);
            parsed.add(p);
            if (p instanceof ParsedEvent.Ok ok && ok.event().wantsRecommendations()) {
                if (row >= 0) {
                    rows.add(row);
                }
            }
        }
        TopN[] top = rows.size() == 0 ? new TopN[0] : scorer.topN(rows.toArray(), topN, excludeSeen, threads);
        List<Output> outputs = new ArrayList<>(parsed.size());
        List<String> errors = new ArrayList<>();
        int next = 0;
        for (int e = 0; e < parsed.size(); e++) {
            if (parsed.get(e) instanceof ParsedEvent.Rejected rejected) {
                errors.add(OutputRecords.rejected(rejected));
                continue;
            }
            Event event = ((ParsedEvent.Ok) parsed.get(e)).event();
            int userRow = eventRows.get(e);
            if (event.wantsRecommendations()) {
                if (userRow >= 0) {
                    TopN t = top[next++];
                    outputs.add(new Output(event.user(),
                            OutputRecords.recommendations(event, t.itemIds(), t.scores(), model.version())));
                } else {
                    outputs.add(new Output(event.user(), OutputRecords.popular(event, model.popular(topN),
                            model.popularCounts(topN), model.version())));
                }
            } else {
                int itemRow = scorer.itemRow(event.item().getAsInt());
                if (userRow < 0) {
                    outputs.add(new Output(event.user(),
                            OutputRecords.predictionError(event, "unknown user", model.version())));
                } else if (itemRow < 0) {
                    outputs.add(new Output(event.user(),
                            OutputRecords.predictionError(event, "unknown item", model.version())));
                } else {
                    outputs.add(new Output(event.user(),
                            OutputRecords.prediction(event, scorer.score(userRow, itemRow), model.version())));
                }
            }
        }
        return new Result(outputs, errors);
    }
}
