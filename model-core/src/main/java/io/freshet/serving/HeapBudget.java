package io.freshet.serving;

import java.util.function.LongSupplier;

/**
 * The heap a load may use, asked before reading a version so that a version too large for this JVM is refused
 * with a message instead of an OutOfMemoryError half-way through (which would leave the JVM short of memory for
 * everything else). Free heap is the maximum heap less what is in use; when that looks too small, one full
 * collection runs before deciding, since what is "in use" includes garbage not collected yet.
 */
public final class HeapBudget {
    private final LongSupplier freeBytes;
    private final Runnable collect;

    private HeapBudget(LongSupplier freeBytes, Runnable collect) {
        this.freeBytes = freeBytes;
        this.collect = collect;
    }

    /** This JVM's heap. */
    public static HeapBudget ofThisJvm() {
        Runtime rt = Runtime.getRuntime();
        return new HeapBudget(() -> rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()), System::gc);
    }

    /** A fixed amount of free heap, for tests. */
    public static HeapBudget fixed(long freeBytes) {
        return new HeapBudget(() -> freeBytes, () -> { });
    }

    /** ModelTooLargeException naming {@code what} when {@code bytes} do not fit in the free heap. */
    void require(long bytes, String what) {
        if (bytes <= freeBytes.getAsLong()) {
            return;
        }
        collect.run();
        long free = freeBytes.getAsLong();
        if (bytes > free) {
            throw new ModelTooLargeException(what + " needs about " + mib(bytes) + " MiB of heap to load, and this JVM has "
                    + mib(free) + " MiB free of its maximum " + mib(Runtime.getRuntime().maxMemory()) + " MiB: give it "
                    + "more (spark-submit --driver-memory, or -Xmx) or serve a smaller model");
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
