package io.freshet.serving;

import io.freshet.PrimitiveList;
import io.freshet.artifact.FactorMatrix;
import io.freshet.availability.ItemAvailability;
import io.freshet.events.Event;
import io.freshet.events.EventCodec;
import io.freshet.events.ItemRules;
import io.freshet.events.OutputRecords;
import io.freshet.events.ParsedEvent;
import io.freshet.events.SimilarItemsRequest;
import io.freshet.fold.FoldLookup;
import io.freshet.fold.FoldedUser;
import io.freshet.fold.NewUserPolicy;
import io.freshet.scoring.ItemFilter;
import io.freshet.scoring.Scorer;
import io.freshet.scoring.TopN;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The one scoring path of every engine (DStream, Kafka, transform): parses a batch of raw events, scores
 * all recommendation requests of known users in one blocked top-N call, and returns output records and
 * error records in input order. Unknown users get the popular items; pairs with an unknown side get an
 * error field; malformed events become error records. Nothing is dropped.
 *
 * <p>Similar-items requests ({@code {"item":I}}) are scored in one blocked call over the item factors; an item the
 * version does not know is an error record. Every list obeys its request's rules and the deployment's item
 * availability inside the scan (docs/events.md, "Rules").
 *
 * <p>Rating events (docs/events.md) are acknowledged with one record each and folded after the batch's requests
 * are answered: from the next batch on, the user's requests are scored with the user's folded vector (and the
 * items the user rated through the stream are excluded like trained seen items). The engine keeps the state:
 * it hands the batch its users' states ({@link FoldLookup}) and stores {@link Result#folded()} afterwards.
 */
public final class EventProcessor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int topN;
    private final boolean excludeSeen;
    private final NewUserPolicy newUsers;
    private final ItemAvailability availability;

    public EventProcessor(int topN, boolean excludeSeen) {
        this(topN, excludeSeen, NewUserPolicy.DEFAULT);
    }

    public EventProcessor(int topN, boolean excludeSeen, NewUserPolicy newUsers) {
        this(topN, excludeSeen, newUsers, ItemAvailability.ALL);
    }

    private EventProcessor(int topN, boolean excludeSeen, NewUserPolicy newUsers, ItemAvailability availability) {
        if (topN < 1) {
            throw new IllegalArgumentException("top N must be at least 1, got " + topN);
        }
        this.topN = topN;
        this.excludeSeen = excludeSeen;
        this.newUsers = newUsers;
        this.availability = availability;
    }

    /**
     * This processor obeying the deployment's item availability in every list it answers (docs/store-format.md,
     * "Item availability"): the stream hands each batch the processor of the availability served at its start.
     */
    public EventProcessor withAvailability(ItemAvailability availability) {
        return new EventProcessor(topN, excludeSeen, newUsers, availability);
    }

    /** The item availability this processor obeys ({@link ItemAvailability#ALL} unless set). */
    public ItemAvailability availability() {
        return availability;
    }

    /**
     * Output records (with the user each is about, the Kafka key) and error records of one batch, in input order,
     * and the fold-in state of every user whose state changed in the batch (new ratings, a re-fold against a new
     * version, or activity), for the engine to store.
     */
    public record Result(List<Output> outputs, List<String> errors, List<FoldedUser> folded) {
        public Result(List<Output> outputs, List<String> errors) {
            this(outputs, errors, List.of());
        }

        /** The output records' JSON alone. */
        public List<String> outputJson() {
            return outputs.stream().map(Output::json).toList();
        }
    }

    /**
     * One output record and the user it is about, as text (the Kafka key, {@link Event#userText}): for a
     * similar-items record, which is about no user, the item it is about.
     */
    public record Output(String key, String json) implements Serializable {
    }

    public Result process(ServingModel model, Iterable<String> rawEvents) {
        return process(model, rawEvents, 1);
    }

    /** As {@link #process(ServingModel, Iterable)}, scoring with up to {@code threads} threads. */
    public Result process(ServingModel model, Iterable<String> rawEvents, int threads) {
        return process(model, FoldLookup.NONE, rawEvents, threads, 0L);
    }

    /**
     * One batch with fold-in state: requests of users with state are answered from it; the batch's ratings are
     * folded after. {@code batchTime} (epoch ms) is the users' activity time. With {@link FoldLookup#NONE} (an
     * engine that keeps no state) ratings are acknowledged with {@code "folded":false} and change nothing.
     */
    public Result process(ServingModel model, FoldLookup state, Iterable<String> rawEvents, int threads,
                          long batchTime) {
        ItemAvailability served = availability.resolvedFor(model.ids());
        EventProcessor resolved = served == availability ? this
                : new EventProcessor(topN, excludeSeen, newUsers, served);
        return resolved.score(model, state, rawEvents, threads, batchTime);
    }

    /** {@link #process} with the availability in the model's id space. */
    private Result score(ServingModel model, FoldLookup state, Iterable<String> rawEvents, int threads,
                         long batchTime) {
        Scorer scorer = model.scorer();
        boolean folds = model.folds() && state != FoldLookup.NONE; // without a state to keep, nothing folds
        List<ParsedEvent> parsed = new ArrayList<>();
        List<String> raws = new ArrayList<>();
        PrimitiveList.Ints eventRows = new PrimitiveList.Ints(); // the user (or item) row of each event, looked up once
        PrimitiveList.Ints rows = new PrimitiveList.Ints();
        List<ItemFilter> filters = new ArrayList<>();
        SimilarQueries similar = new SimilarQueries(topN, this::filterOf);
        Map<Integer, FoldedUser> current = new TreeMap<>(); // state as this batch's requests see it
        Map<Integer, FoldedUser> changed = new LinkedHashMap<>();
        Map<Integer, PendingRatings> pending = new LinkedHashMap<>();
        for (String raw : rawEvents) {
            if (raw != null && EventCodec.isBlank(raw)) {
                continue; // blank lines separate nothing and are not events (docs/events.md)
            }
            ParsedEvent p = EventCodec.parse(raw, model.ids());
            parsed.add(p);
            raws.add(raw);
            if (p instanceof ParsedEvent.Similar s) {
                eventRows.add(similar.add(scorer, s.request()));
                continue;
            }
            if (!(p instanceof ParsedEvent.Ok ok)) {
                eventRows.add(-1);
                continue;
            }
            Event event = ok.event();
            int row = scorer.userRow(event.user());
            eventRows.add(row);
            if (event.isRating()) {
                if (folds) {
                    pending.computeIfAbsent(event.user(), u -> new PendingRatings())
                            .add(event.item().getAsInt(), event.ratingValue());
                }
                continue;
            }
            FoldedUser folded = folds ? stateOf(model, state, event.user(), current, changed, batchTime)
                    : null;
            if (folded == null && event.wantsRecommendations() && row >= 0) {
                rows.add(row);
                filters.add(filterOf(event.rules()));
            }
        }
        TopN[] top = rows.size() == 0 ? new TopN[0]
                : scorer.topN(rows.toArray(), filters.toArray(ItemFilter[]::new), topN, excludeSeen, threads);
        TopN[] similarLists = similar.score(scorer, threads);
        FoldedScoring foldedScoring = FoldedScoring.of(model, current, newUsers, topN, excludeSeen, threads);
        List<Output> outputs = new ArrayList<>(parsed.size());
        List<String> errors = new ArrayList<>();
        int next = 0;
        int nextSimilar = 0;
        for (int e = 0; e < parsed.size(); e++) {
            if (parsed.get(e) instanceof ParsedEvent.Rejected rejected) {
                errors.add(OutputRecords.rejected(rejected));
                continue;
            }
            if (parsed.get(e) instanceof ParsedEvent.Similar s) {
                SimilarItemsRequest request = s.request();
                if (eventRows.get(e) < 0) {
                    errors.add(OutputRecords.rejected(new ParsedEvent.Rejected(raws.get(e), "unknown item "
                            + request.itemText() + ": version " + model.version() + " has no factors for it")));
                } else {
                    TopN t = similarLists[nextSimilar++];
                    outputs.add(new Output(request.itemText(),
                            OutputRecords.similarItems(model.ids(), request, t.itemIds(), t.scores(), model.version())));
                }
                continue;
            }
            Event event = ((ParsedEvent.Ok) parsed.get(e)).event();
            int userRow = eventRows.get(e);
            if (event.isRating()) {
                outputs.add(new Output(event.userText(),
                        OutputRecords.ratingAck(model.ids(), event, folds, model.version())));
                continue;
            }
            FoldedUser folded = current.get(event.user());
            if (folded != null) {
                outputs.add(new Output(event.userText(), foldedScoring.answer(event, folded, filterOf(event.rules()))));
            } else if (event.wantsRecommendations()) {
                if (userRow >= 0) {
                    TopN t = top[next++];
                    outputs.add(new Output(event.userText(),
                            OutputRecords.recommendations(model.ids(), event, t.itemIds(), t.scores(), model.version())));
                } else {
                    ServingModel.Popular popular = model.popular(topN, filterOf(event.rules())::allows);
                    outputs.add(new Output(event.userText(), OutputRecords.popular(model.ids(), event, popular.items(),
                            popular.counts(), model.version())));
                }
            } else {
                outputs.add(new Output(event.userText(), pairRecord(model, event, userRow)));
            }
        }
        for (Map.Entry<Integer, PendingRatings> entry : pending.entrySet()) {
            int user = entry.getKey();
            FoldedUser before = changed.containsKey(user) ? changed.get(user) : state.get(user);
            PendingRatings ratings = entry.getValue();
            changed.put(user, model.folding().fold(user, before, ratings.items.toArray(), ratings.ratings.toArray(),
                    batchTime));
        }
        return new Result(outputs, errors, List.copyOf(changed.values()));
    }

    /**
     * The user's state for this batch's requests: folded against the served version (re-folded now when it was
     * folded against another), or null when the user has none, or is a known user whose state has no vector (only
     * ratings of items the version does not know): the trained vector answers such a user, and the state stays (a
     * later version may know the items). The state this batch answers from is recorded in {@code current}; a
     * re-fold or the activity in {@code changed}.
     */
    private static FoldedUser stateOf(ServingModel model, FoldLookup state, int user, Map<Integer, FoldedUser> current,
                                      Map<Integer, FoldedUser> changed, long batchTime) {
        if (current.containsKey(user) || changed.containsKey(user)) {
            return current.get(user);
        }
        FoldedUser folded = state.get(user);
        if (folded == null) {
            return null;
        }
        if (!folded.version().equals(model.version())) {
            folded = model.folding().fold(user, folded, new int[0], new float[0], batchTime);
        } else {
            folded = folded.touched(batchTime);
        }
        changed.put(user, folded);
        if (folded.vector() == null && model.scorer().userRow(user) >= 0) {
            return null;
        }
        current.put(user, folded);
        return folded;
    }

    private static String pairRecord(ServingModel model, Event event, int userRow) {
        Scorer scorer = model.scorer();
        int itemRow = scorer.itemRow(event.item().getAsInt());
        if (userRow < 0) {
            return OutputRecords.predictionError(model.ids(), event, "unknown user", model.version());
        }
        if (itemRow < 0) {
            return OutputRecords.predictionError(model.ids(), event, "unknown item", model.version());
        }
        return OutputRecords.prediction(model.ids(), event, scorer.score(userRow, itemRow), model.version());
    }

    /** The scan's filter for a request's rules and the deployment's availability. */
    private ItemFilter filterOf(ItemRules rules) {
        return rules.isNone() && availability.allowsAll() ? ItemFilter.NONE
                : ItemFilter.of(rules.exclude(), rules.include(), availability);
    }

    /** A batch's similar-items requests of items the version knows, scored in one blocked call. */
    private static final class SimilarQueries {
        private final int defaultCount;
        private final Function<ItemRules, ItemFilter> filterOf;
        private final PrimitiveList.Ints rows = new PrimitiveList.Ints();
        private final PrimitiveList.Ints counts = new PrimitiveList.Ints();
        private final List<ItemFilter> filters = new ArrayList<>();

        SimilarQueries(int defaultCount, Function<ItemRules, ItemFilter> filterOf) {
            this.defaultCount = defaultCount;
            this.filterOf = filterOf;
        }

        /** Adds the request when the version knows its item; returns the item's row, or -1. */
        int add(Scorer scorer, SimilarItemsRequest request) {
            int row = scorer.itemRow(request.item());
            if (row >= 0) {
                rows.add(row);
                counts.add(request.count(defaultCount));
                filters.add(filterOf.apply(request.rules()));
            }
            return row;
        }

        TopN[] score(Scorer scorer, int threads) {
            return rows.size() == 0 ? new TopN[0]
                    : scorer.similarItems(rows.toArray(), counts.toArray(), filters.toArray(ItemFilter[]::new), threads);
        }
    }

    /** The ratings of one user in one batch, in arrival order. */
    private static final class PendingRatings {
        final PrimitiveList.Ints items = new PrimitiveList.Ints();
        final PrimitiveList.Floats ratings = new PrimitiveList.Floats();

        void add(int item, float rating) {
            items.add(item);
            ratings.add(rating);
        }
    }

    /**
     * The answers for users with fold-in state in one batch: their folded vectors in one small scorer over the
     * served items (one blocked top-N call for all of them), with their trained and stream-rated items excluded.
     */
    private static final class FoldedScoring {
        private final ServingModel model;
        private final Scorer scorer;
        private final Map<Integer, TopN> lists;
        private final NewUserPolicy newUsers;
        private final int topN;

        private FoldedScoring(ServingModel model, Scorer scorer, Map<Integer, TopN> lists, NewUserPolicy newUsers,
                              int topN) {
            this.model = model;
            this.scorer = scorer;
            this.lists = lists;
            this.newUsers = newUsers;
            this.topN = topN;
        }

        static FoldedScoring of(ServingModel model, Map<Integer, FoldedUser> users, NewUserPolicy newUsers, int topN,
                                boolean excludeSeen, int threads) {
            Scorer main = model.scorer();
            int rank = main.rank();
            PrimitiveList.Ints ids = new PrimitiveList.Ints();
            PrimitiveList.Floats values = new PrimitiveList.Floats();
            List<int[]> rated = new ArrayList<>();
            for (FoldedUser user : users.values()) { // ascending user ids (a TreeMap)
                if (user.vector() == null) {
                    continue;
                }
                ids.add(user.user());
                for (float v : user.vector()) {
                    values.add(v);
                }
                rated.add(user.items());
            }
            if (ids.size() == 0) {
                return new FoldedScoring(model, null, Map.of(), newUsers, topN);
            }
            int[] userIds = ids.toArray();
            // stream ratings are always excluded, trained seen items as asked
            Scorer scorer = main.withUsers(new FactorMatrix(rank, userIds, values.toArray()),
                    rated.toArray(new int[0][]), excludeSeen);
            int[] rows = new int[userIds.length];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = r;
            }
            TopN[] tops = scorer.topN(rows, topN, true, threads);
            Map<Integer, TopN> lists = new TreeMap<>();
            for (int r = 0; r < rows.length; r++) {
                lists.put(userIds[r], tops[r]);
            }
            return new FoldedScoring(model, scorer, lists, newUsers, topN);
        }

        String answer(Event event, FoldedUser user, ItemFilter filter) {
            boolean known = model.scorer().userRow(event.user()) >= 0;
            boolean usable = user.vector() != null && (known || knownItems(user) >= newUsers.minRatings());
            if (event.wantsRecommendations()) {
                if (usable && !known && newUsers.popularityWeight() > 0) {
                    TopN t = scorer.topN(user.vector(), popularityBonus(), seenOf(user), filter, topN);
                    return OutputRecords.recommendations(model.ids(), event, t.itemIds(), t.scores(), model.version());
                }
                if (usable) {
                    TopN t = filter.allowsAll() ? lists.get(event.user()) : scorer.topN(
                            new int[] {scorer.userRow(event.user())}, new ItemFilter[] {filter}, topN, true, 1)[0];
                    return OutputRecords.recommendations(model.ids(), event, t.itemIds(), t.scores(), model.version());
                }
                ServingModel.Popular popular = model.popular(topN, item -> !user.rated(item) && filter.allows(item));
                return OutputRecords.popular(model.ids(), event, popular.items(), popular.counts(), model.version());
            }
            int itemRow = model.scorer().itemRow(event.item().getAsInt());
            if (itemRow < 0) {
                return OutputRecords.predictionError(model.ids(), event, "unknown item", model.version());
            }
            if (user.vector() == null) {
                return known ? OutputRecords.prediction(model.ids(), event,
                        model.scorer().score(model.scorer().userRow(event.user()), itemRow), model.version())
                        : OutputRecords.predictionError(model.ids(), event, "unknown user", model.version());
            }
            return OutputRecords.prediction(model.ids(), event, scorer.score(scorer.userRow(event.user()), itemRow),
                    model.version());
        }

        private float[] bonus;

        /** Per item row: the popularity weight times log(1 + count) / log(1 + the top count). */
        private float[] popularityBonus() {
            if (bonus == null) {
                Scorer main = model.scorer();
                bonus = new float[main.items()];
                int[] items = model.popularItems();
                int[] counts = model.popularCounts();
                double top = counts.length == 0 ? 0 : Math.log1p(counts[0]);
                for (int i = 0; i < items.length && top > 0; i++) {
                    int row = main.itemRow(items[i]);
                    if (row >= 0) {
                        bonus[row] = (float) (newUsers.popularityWeight() * Math.log1p(counts[i]) / top);
                    }
                }
            }
            return bonus;
        }

        private static int[] seenOf(FoldedUser user) {
            return Arrays.stream(user.items()).sorted().distinct().toArray();
        }

        private int knownItems(FoldedUser user) {
            int n = 0;
            for (int item : user.items()) {
                if (model.scorer().itemRow(item) >= 0) {
                    n++;
                }
            }
            return n;
        }
    }
}
