/**
 * Freshet's shared core: the model store ({@code store}), the artifact format ({@code artifact}), rating
 * readers and the synthetic generator ({@code data}), scoring ({@code scoring}) and the event codec
 * ({@code events}). Nothing here parses a command line or owns a streaming context.
 */
package io.freshet;
