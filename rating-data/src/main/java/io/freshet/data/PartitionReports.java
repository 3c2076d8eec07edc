package io.freshet.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Carries each partition's {@link PartitionReport} from the executors to the driver in the same pass
 * that parses the ratings, through an accumulator. A partition computed twice (a retried task, an
 * evicted cache block) reports twice; the driver keeps one report per partition.
 */
final class PartitionReports implements Serializable {
    private static final long serialVersionUID = 1L;

    private final CollectionAccumulator<PartitionReport> accumulator;
    private final int keep;

    private PartitionReports(CollectionAccumulator<PartitionReport> accumulator, int keep) {
        this.accumulator = accumulator;
        this.keep = keep;
    }

    /**
     * Registers a fresh accumulator; each partition keeps its first {@code maxBadLines + 1} rejections.
     */
    static PartitionReports register(SparkContext sc, long maxBadLines) {
        int keep = (int) Math.min(maxBadLines + 1, Integer.MAX_VALUE - 8);
        return new PartitionReports(sc.collectionAccumulator("freshet rating read reports"), keep);
    }

    /** A tally for the partition running now (executor side). */
    PartitionReport.Tally tally() {
        return new PartitionReport.Tally(keep);
    }

    /** Sends the report of the partition running now (executor side). */
    void send(PartitionReport.Tally tally, List<SplitLines> splits) {
        accumulator.add(tally.report(TaskContext.getPartitionId(), splits));
    }

    /**
     * One report per partition (driver side, after an action computed every partition). The accumulator is
     * emptied: a partition computed again later (an evicted cache block) reports again.
     */
    List<PartitionReport> collect(int partitions) {
        Map<Integer, PartitionReport> byPartition = new TreeMap<>();
        for (PartitionReport report : accumulator.value()) {
            byPartition.putIfAbsent(report.partition(), report);
        }
        accumulator.reset();
        if (byPartition.size() != partitions) {
            throw new IllegalStateException("rating read: " + byPartition.size() + " of " + partitions
                    + " partitions reported; the parse did not run to the end of every partition");
        }
        return new ArrayList<>(byPartition.values());
    }
}
