/**
 * The event contract (docs/events.md): parsing raw events into {@link io.freshet.events.Event} or a
 * rejection, and writing output and error records as JSON lines. One codec for every source and sink;
 * no scoring and no streaming engine here.
 */
package io.freshet.events;
