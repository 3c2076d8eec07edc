package io.freshet.predictor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshet.serving.ModelPoller;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The poller survives whatever one poll throws, an Error included, and polls again. */
class ModelPollerTest {
    @Test
    void anOutOfMemoryErrorInOnePollDoesNotStopTheNextPolls() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        Runnable poll = () -> {
            third.countDown();
            if (polls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space (loading a version too large for the driver)");
            }
            if (polls.get() == 2) {
                throw new IllegalStateException("a bug in one poll");
            }
        };
        try (ModelPoller poller = new ModelPoller(poll, Duration.ofMillis(20))) {
            assertTrue(third.await(10, TimeUnit.SECONDS), "polls after the failures: " + polls.get());
        }
    }
}
