package io.freshet.trainer;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the progress of a long fit: each finished Spark stage with its name, the count so far and the time
 * since the phase began. Registered for one phase, then removed.
 */
final class FitProgress extends SparkListener {
    private static final Logger LOG = LoggerFactory.getLogger(FitProgress.class);

    private final String phase;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger stages = new AtomicInteger();

    FitProgress(String phase) {
        this.phase = phase;
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        int n = stages.incrementAndGet();
        String name = completed.stageInfo().name();
        LOG.info("{}: stage {} done ({} stages, {} s elapsed): {}", phase, completed.stageInfo().stageId(), n,
                String.format("%.1f", (System.nanoTime() - startNanos) / 1e9), name);
    }
}
