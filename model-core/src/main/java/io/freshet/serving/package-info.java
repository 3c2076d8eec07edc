/**
 * Serving a version: loading and validating it from the store ({@link io.freshet.serving.ModelLoader}),
 * the immutable {@link io.freshet.serving.ServingModel} that engines broadcast, and the one
 * {@link io.freshet.serving.EventProcessor} that turns raw events into output and error records. No
 * streaming engine here: the predictor's DStream and Kafka jobs and {@code transform} all call it.
 */
package io.freshet.serving;
