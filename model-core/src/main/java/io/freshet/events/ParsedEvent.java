package io.freshet.events;

/**
 * The result of parsing one raw event: an {@link Event} about a user, a {@link Similar} items request, or a
 * {@link Rejected} line with its reason.
 */
public sealed interface ParsedEvent permits ParsedEvent.Ok, ParsedEvent.Similar, ParsedEvent.Rejected {

    /** A well-formed event about a user: a request, a pair or a rating. */
    record Ok(Event event) implements ParsedEvent {
    }

    /** A well-formed similar-items request: it names an item and no user. */
    record Similar(SimilarItemsRequest request) implements ParsedEvent {
    }

    /** A malformed event: the raw text as received and why it was refused. Never dropped silently. */
    record Rejected(String raw, String reason) implements ParsedEvent {
    }
}
