/**
 * Scoring from factor arrays without Spark: pair scores and exact top-N lists for batches of users.
 *
 * <p>{@link io.freshet.scoring.Scorer} is built once per model and shared (it is serializable, so Spark can
 * broadcast it). It keeps the raw factors and a per-user set of seen item rows, and derives a layout for fast
 * scanning: item factors transposed into blocks of one vector width. Two kernels scan that layout, one using
 * the JDK Vector API ({@code jdk.incubator.vector}) and one in plain Java; the vector kernel lives in its own
 * class so the plain path never loads a Vector API class. This package reads {@code io.freshet.artifact}
 * values and the deployment's {@code io.freshet.availability.ItemAvailability} only; it knows nothing of stores,
 * files, Spark or streams.
 */
package io.freshet.scoring;
