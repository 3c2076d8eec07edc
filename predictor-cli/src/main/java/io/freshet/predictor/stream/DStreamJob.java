package io.freshet.predictor.stream;

import java.io.PrintStream;
import org.apache.spark.SparkConf;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.StreamingContextState;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * The DStream job: events from a socket or a directory, scored per partition with the broadcast model of
 * the batch (or its broadcast items and joined users, over the broadcast budget), written to the sink and the
 * error output. The driver polls the pointer every reload interval and swaps the broadcast between batches; the
 * stream never stops for a new model ({@link StreamSetup}).
 */
public final class DStreamJob {
    private final SparkConf sparkConf;
    private final StreamSettings settings;
    private final PrintStream out;
    private final PrintStream err;

    public DStreamJob(SparkConf sparkConf, StreamSettings settings, PrintStream out, PrintStream err) {
        this.sparkConf = sparkConf;
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Runs until stopped (SIGTERM, or {@code stop}); returns when every received batch is done. */
    public void run() {
        sparkConf.setIfMissing("spark.streaming.stopGracefullyOnShutdown", "false");
        JavaStreamingContext ssc = new JavaStreamingContext(sparkConf,
                Durations.milliseconds(settings.batchInterval().toMillis()));
        StreamSetup setup = StreamSetup.serve(ssc.sparkContext(), settings, () -> ssc.stop(true, false));
        BatchSinks sinks = new BatchSinks(sink("--sink", settings.sink(), ssc), sink("--errors", settings.errors(), ssc),
                settings.sinkRetry());
        ssc.addStreamingListener(new DStreamBatches(setup.batchLog()));
        // A batch that throws (its sinks stayed unwritable through the retries) is not done.
        source(ssc).foreachRDD((rdd, time) -> setup.score(rdd, time.milliseconds(),
                batch -> sinks.write(time.milliseconds(), batch)));
        setup.run(new StreamSetup.Engine() {
            @Override
            public void start() {
                ssc.start();
            }

            @Override
            public void awaitTermination() throws InterruptedException {
                ssc.awaitTermination();
            }

            @Override
            public void stopGracefully() {
                ssc.stop(true, true);
            }

            @Override
            public void close() {
                // awaitTermination rethrows what failed a batch (a sink that stayed unwritable): stop at once, with
                // that batch not done, and let the exception reach the command line.
                if (ssc.getState() != StreamingContextState.STOPPED) {
                    ssc.stop(true, false);
                }
            }
        });
    }

    private BatchSinks.Sink sink(String option, Endpoint e, JavaStreamingContext ssc) {
        return new BatchSinks.Sink(option + " " + e.describe(),
                BatchWriter.of(e, ssc.sparkContext().hadoopConfiguration(), out, err));
    }

    private JavaDStream<String> source(JavaStreamingContext ssc) {
        Endpoint s = settings.source();
        return switch (s.kind()) {
            case SOCKET -> ssc.socketTextStream(s.host(), s.port(), StorageLevel.MEMORY_AND_DISK_SER());
            case DIR -> ssc.textFileStream(s.path());
            default -> throw new IllegalArgumentException("--source " + s.kind() + " is not a DStream source");
        };
    }
}
