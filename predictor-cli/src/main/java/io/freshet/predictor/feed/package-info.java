/**
 * The feeder: a loopback server that replays an event file to a socket source, for demos, tests and benchmarks.
 * It stands alone: no Spark, no model, no command line.
 */
package io.freshet.predictor.feed;
