package io.freshet.events;

/** The result of parsing one raw event: an {@link Event}, or a {@link Rejected} line with its reason. */
public sealed interface ParsedEvent permits ParsedEvent.Ok, ParsedEvent.Rejected {

    /** A well-formed event. */
    record Ok(Event event) implements ParsedEvent {
    }

    /** A malformed event: the raw text as received and why it was refused. Never dropped silently. */
    record Rejected(String raw, String reason) implements ParsedEvent {
    }
}
