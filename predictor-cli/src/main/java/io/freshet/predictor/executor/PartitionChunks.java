package io.freshet.predictor.executor;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.apache.spark.Partitioner;
import scala.Tuple2;

/**
 * Groups a stream of records by the partition their key goes to, into chunks handed out as (partition, chunk):
 * a shuffle then moves a few packed arrays instead of one serialized object per record. About {@code flushBytes}
 * at most are buffered at a time ({@link #FLUSH_BYTES} when reading a version); records keep their order within a
 * chunk.
 */
final class PartitionChunks<R, C> implements Iterator<Tuple2<Integer, C>> {
    /** Buffered bytes at which every partition's pending records are handed out. */
    static final long FLUSH_BYTES = 16L << 20;

    /** Collects one partition's records; {@link #take} hands them out as one chunk and starts afresh. */
    interface Chunk<R, C> {
        /** Adds a record and returns the bytes it takes. */
        long add(R record);

        boolean isEmpty();

        C take();
    }

    private final Iterator<R> source;
    private final Partitioner partitioner;
    private final ToIntFunction<R> key;
    private final Chunk<R, C>[] chunks;
    private final long flushBytes;
    private final ArrayDeque<Tuple2<Integer, C>> ready = new ArrayDeque<>();
    private long buffered;

    @SuppressWarnings("unchecked")
    PartitionChunks(Iterator<R> source, Partitioner partitioner, ToIntFunction<R> key, IntFunction<Chunk<R, C>> chunk,
                    long flushBytes) {
        this.source = source;
        this.flushBytes = flushBytes;
        this.partitioner = partitioner;
        this.key = key;
        this.chunks = new Chunk[partitioner.numPartitions()];
        for (int p = 0; p < chunks.length; p++) {
            chunks[p] = chunk.apply(p);
        }
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && source.hasNext()) {
            R record = source.next();
            buffered += chunks[partitioner.getPartition(key.applyAsInt(record))].add(record);
            if (buffered >= flushBytes) {
                flush();
            }
        }
        if (ready.isEmpty()) {
            flush();
        }
        return !ready.isEmpty();
    }

    @Override
    public Tuple2<Integer, C> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no chunks left");
        }
        return ready.poll();
    }

    private void flush() {
        for (int p = 0; p < chunks.length; p++) {
            if (!chunks[p].isEmpty()) {
                ready.add(new Tuple2<>(p, chunks[p].take()));
            }
        }
        buffered = 0;
    }
}
