/**
 * The two streaming jobs and what they share: the DStream job (socket and directory sources) and the Kafka job
 * (Structured Streaming), their one set-up and run ({@link io.freshet.predictor.stream.StreamSetup}), the one
 * batch-log line, the sinks with their retries, the graceful stop, and the settings and endpoints a job is given.
 * It feeds the driver's metrics ({@code metrics}) and scores through model placement; it knows nothing of command
 * lines (picocli stays in io.freshet.predictor).
 */
package io.freshet.predictor.stream;
