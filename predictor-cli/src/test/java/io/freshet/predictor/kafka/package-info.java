/**
 * The Kafka path end to end: a real Kafka broker (KRaft, its own JVM, loopback), the event mix the test
 * produces, a reader of the output and errors topics, and the SIGKILL-and-restart scenario of the Kafka job.
 * Test code only; it drives the predictor through spark-submit and never reaches into its classes.
 */
package io.freshet.predictor.kafka;
