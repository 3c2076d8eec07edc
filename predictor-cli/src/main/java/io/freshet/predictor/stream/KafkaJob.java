package io.freshet.predictor.stream;

import io.freshet.predictor.placement.ScoredBatch;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka path: Structured Streaming's Kafka source, each micro-batch scored in {@code foreachBatch} with the
 * same set-up ({@link StreamSetup}), {@link ScoredBatch} and broadcast model as the DStream job, written to the
 * output topic keyed by user and to the errors topic; each one done logs the batch line ({@link KafkaBatches}). Offsets are committed to the checkpoint after the batch's writes, so a restarted
 * predictor continues where it stopped; after a crash the last micro-batch may be written again
 * (at-least-once).
 */
public final class KafkaJob {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaJob.class);
    private static final StructType KEYED = new StructType().add("key", DataTypes.StringType)
            .add("value", DataTypes.StringType);

    private final SparkConf sparkConf;
    private final StreamSettings settings;

    public KafkaJob(SparkConf sparkConf, StreamSettings settings) {
        this.sparkConf = sparkConf;
        this.settings = settings;
        if (settings.checkpoint() == null) {
            throw new IllegalArgumentException("--checkpoint DIR is required with a kafka:// source");
        }
        for (Endpoint e : new Endpoint[] {settings.sink(), settings.errors()}) {
            if (e.kind() != Endpoint.Kind.KAFKA) {
                throw new IllegalArgumentException("with a kafka:// source, --sink and --errors must be kafka:// topics too, got "
                        + e.kind());
            }
        }
    }

    public void run() {
        SparkSession spark = SparkSession.builder().config(sparkConf).getOrCreate();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        StreamSetup setup = StreamSetup.serve(jsc, settings, spark::stop);
        spark.streams().addListener(new KafkaBatches(setup.batchLog()));
        Endpoint source = settings.source();
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", source.hostPort())
                .option("subscribe", source.path())
                .option("startingOffsets", "earliest")
                .option("failOnDataLoss", "true");
        if (settings.maxEventsPerBatch() > 0) {
            reader = reader.option("maxOffsetsPerTrigger", settings.maxEventsPerBatch());
        }
        for (Map.Entry<String, String> o : settings.kafkaOptions().entrySet()) {
            reader = reader.option("kafka." + o.getKey(), o.getValue());
        }
        // A null value (a tombstone) or one with nothing but white space is no event: it stays null, which the
        // codec answers with an error record (docs/events.md), rather than being skipped like a blank line.
        Dataset<String> events = reader.load().selectExpr("CASE WHEN trim(CAST(value AS STRING)) = '' THEN NULL "
                + "ELSE CAST(value AS STRING) END AS value").as(Encoders.STRING());
        VoidFunction2<Dataset<String>, Long> scoreBatch = (batch, batchId) -> setup.score(batch.javaRDD(), batchId,
                scored -> {
                    ScoredBatch.Counts counts = scored.counts();
                    if (counts.outputs() > 0) {
                        write(spark, scored.keyedOutputs().map(kv -> RowFactory.create(kv._1(), kv._2())), "--sink",
                                settings.sink(), batchId);
                    }
                    if (counts.errors() > 0) {
                        write(spark, scored.errors().map(e -> RowFactory.create(null, e)), "--errors",
                                settings.errors(), batchId);
                    }
                });
        setup.run(new StreamSetup.Engine() {
            private StreamingQuery query;

            @Override
            public void start() {
                try {
                    query = events.writeStream().queryName("freshet-predictor")
                            .option("checkpointLocation", settings.checkpoint())
                            .trigger(Trigger.ProcessingTime(settings.batchInterval().toMillis()))
                            .foreachBatch(scoreBatch)
                            .start();
                } catch (TimeoutException e) {
                    throw new IllegalStateException("the Kafka stream did not start: " + e.getMessage(), e);
                }
            }

            @Override
            public void awaitTermination() throws InterruptedException {
                try {
                    query.awaitTermination();
                } catch (StreamingQueryException e) {
                    // A topic that could not be written failed the micro-batch before its offsets were committed:
                    // exit with the sink's code; the restart replays the batch from the checkpoint.
                    Optional<SinkWriteException> sink = SinkWriteException.in(e);
                    if (sink.isPresent()) {
                        throw sink.get();
                    }
                    throw new IllegalStateException("the Kafka stream failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void stopGracefully() {
                stopBetweenBatches(query);
            }

            @Override
            public void close() {
                spark.stop();
            }
        });
    }

    /**
     * Structured Streaming's stop() interrupts a running micro-batch (which would then run again after a
     * restart), so wait, for up to a minute, until no batch is running, then stop.
     */
    private static void stopBetweenBatches(StreamingQuery query) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        try {
            while (query.status().isTriggerActive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            query.stop();
        } catch (TimeoutException e) {
            LOG.warn("the query did not stop in time: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes one side of a micro-batch to its topic. The Kafka producer retries on its own (its {@code retries} and
     * {@code delivery.timeout.ms}); Freshet does not write the batch again, which would repeat the records already
     * sent, and a failure fails the micro-batch before its offsets are committed.
     */
    private void write(SparkSession spark, JavaRDD<Row> rows, String option, Endpoint topic, long batchId) {
        var writer = spark.createDataFrame(rows, KEYED).write().format("kafka")
                .option("kafka.bootstrap.servers", topic.hostPort())
                .option("topic", topic.path());
        for (Map.Entry<String, String> o : settings.kafkaOptions().entrySet()) {
            writer = writer.option("kafka." + o.getKey(), o.getValue());
        }
        try {
            writer.save();
        } catch (Exception e) { // Spark's job failures, and the exceptions Scala does not declare
            throw new SinkWriteException(option + " kafka://" + topic.hostPort() + "/" + topic.path()
                    + ": micro-batch " + batchId + " not written: " + SinkWriteException.reason(e), e);
        }
    }
}
