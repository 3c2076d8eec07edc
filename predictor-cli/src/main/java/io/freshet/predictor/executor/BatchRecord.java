package io.freshet.predictor.executor;

import io.freshet.serving.EventProcessor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One record a scored batch produced, as the executors hand it to the driver's sinks: an output record with the user
 * it is about (its Kafka key: the user id as decimal text, or a 64-bit or string id as the event gave it), or an error record. {@code json} is the record's line
 * exactly as docs/events.md specifies it.
 */
public record BatchRecord(Kind kind, String key, String json) implements Serializable {

    /** Which output a record goes to: {@code --sink} or {@code --errors}. */
    public enum Kind { OUTPUT, ERROR }

    public BatchRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(json, "json");
        if ((kind == Kind.OUTPUT) != (key != null)) {
            throw new IllegalArgumentException("key: an output record has its user as key, an error record none; got "
                    + kind + " with key " + key);
        }
    }

    public static BatchRecord output(int user, String json) {
        return output(Integer.toString(user), json);
    }

    /** An output record keyed by the user it is about, as text (an int id in decimal, or a mapped id as given). */
    public static BatchRecord output(String key, String json) {
        return new BatchRecord(Kind.OUTPUT, key, json);
    }

    public static BatchRecord error(String json) {
        return new BatchRecord(Kind.ERROR, null, json);
    }

    public boolean isOutput() {
        return kind == Kind.OUTPUT;
    }

    /** The records of one partition's result: outputs first, then errors, each in input order. */
    static List<BatchRecord> of(EventProcessor.Result r) {
        List<BatchRecord> records = new ArrayList<>(r.outputs().size() + r.errors().size());
        r.outputs().forEach(o -> records.add(output(o.key(), o.json())));
        r.errors().forEach(e -> records.add(error(e)));
        return records;
    }
}
