package io.freshet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A small harness: run a body for warm-up iterations, then time measured iterations on both the wall clock and the
 * calling thread's CPU clock, and report medians. The CPU clock leaves out time the thread spent descheduled, which
 * matters on a machine shared with other work; for multi-threaded bodies only the wall clock means anything.
 */
final class Timing {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Median seconds per iteration on each clock. */
    record Result(double wallSeconds, double cpuSeconds) {
    }

    interface Body {
        void run() throws Exception;
    }

    private Timing() {
    }

    static Result measure(int warmups, int iterations, Body body) throws Exception {
        for (int i = 0; i < warmups; i++) {
            body.run();
        }
        double[] wall = new double[iterations];
        double[] cpu = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            body.run();
            wall[i] = (System.nanoTime() - wallStart) / 1e9;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        }
        return new Result(median(wall), median(cpu));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
