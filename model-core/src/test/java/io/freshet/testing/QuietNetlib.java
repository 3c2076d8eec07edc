package io.freshet.testing;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the test output quiet: netlib (the BLAS and LAPACK of the fold-in) logs a java.util.logging WARNING for
 * each native implementation it does not find before it settles on the pure-Java one. Held here so the level
 * outlives the call (java.util.logging keeps loggers weakly).
 */
public final class QuietNetlib {
    private static final Logger NETLIB = Logger.getLogger("dev.ludovic.netlib");

    private QuietNetlib() {
    }

    /** Call before the first BLAS or LAPACK use (a test class's @BeforeAll). */
    public static void install() {
        NETLIB.setLevel(Level.SEVERE);
    }
}
