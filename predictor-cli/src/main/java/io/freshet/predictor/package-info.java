/**
 * The predictor's command lines: {@code predictor stream}, {@code transform} and {@code feed}, their option
 * mixins, and {@link io.freshet.predictor.Main}. Each command turns its options into settings and calls one of
 * the packages below: {@code stream} (the streaming jobs), {@code feed} (the feeder); {@code transform} scores
 * with model-core alone. Nothing below imports this package.
 */
package io.freshet.predictor;
