/**
 * Model placement on the driver: how the served version reaches the executors (broadcast whole, or its items
 * broadcast and its users joined from a cached RDD, by the broadcast budget), the one served model that a batch
 * leases and that a new version replaces at a batch boundary, the release of a replaced one after its last batch,
 * and a batch scored with a lease ({@link io.freshet.predictor.placement.ScoredBatch}). It uses the executor side;
 * it knows nothing of streams, sinks or command lines.
 */
package io.freshet.predictor.placement;
