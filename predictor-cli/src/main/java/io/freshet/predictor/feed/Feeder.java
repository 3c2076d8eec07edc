package io.freshet.predictor.feed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP server that replays events to whoever connects (Spark's socket receiver), at a given rate
 * in events per second, then keeps the connection open until closed. For demos and tests.
 */
public final class Feeder implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> events;
    private final double rate;
    private final AtomicLong sent = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile Socket client;

    /** Listens on 127.0.0.1:{@code port} (0 picks a free port) and serves in the background. */
    public Feeder(int port, List<String> events, double eventsPerSecond) {
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, got " + eventsPerSecond);
        }
        try {
            this.server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        this.events = List.copyOf(events);
        this.rate = eventsPerSecond;
        this.thread = new Thread(this::serve, "freshet-feeder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Events written so far. */
    public long sent() {
        return sent.get();
    }

    /** Waits until every event has been written to a client. */
    public boolean awaitSent(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    private void serve() {
        try (Socket s = server.accept()) {
            client = s;
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
            long start = System.nanoTime();
            long i = 0;
            for (String event : events) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    w.flush();
                    LockSupport.parkNanos(wait);
                }
                w.write(event);
                w.write('\n');
                i++;
                sent.set(i);
            }
            w.flush();
            done.countDown();
            // Hold the connection: closing it would make the receiver reconnect and wait for more.
            while (!s.isClosed() && s.getInputStream().read() >= 0) {
                // the receiver never writes; read() returns -1 when it disconnects
            }
        } catch (IOException e) {
            if (!server.isClosed()) {
                throw new UncheckedIOException("feeder failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }
}
