package com.acme.wallet.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Concurrent random adds and removes (half each) of 1 to 500 cents over many wallets, each change
 * with a reference of its own, as clients of the seed's API send them: balances wander up and down
 * and removes are often refused for want of funds. A client that gets no definite answer (a 5xx,
 * a timeout, no connection) sends the same change again up to {@value #TRIES} times, 200 ms apart,
 * then moves on; the audit resolves what is still open.
 *
 * <p>Bounded: each thread stops at {@link #stop()}, at its deadline, or after
 * {@value #MAX_CHANGES_PER_THREAD} changes, whichever comes first. Loopback only.
 */
final class RandomTraffic implements AutoCloseable {

    static final int TRIES = 3;
    static final long MAX_CHANGES_PER_THREAD = 5_000_000;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final TrafficHistory history;
    private final List<String> wallets;
    private final long seed;
    private final long deadlineNanos;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile WalletClient target;

    /**
     * @param history where every attempt is recorded
     * @param wallets the wallets to change, all open
     * @param seed the seed of every thread's choices
     * @param threadCount how many clients send at once
     * @param maxDuration when the threads stop by themselves at the latest
     * @param target the REST API to send to
     */
    RandomTraffic(TrafficHistory history, List<String> wallets, long seed, int threadCount, Duration maxDuration,
            WalletClient target) {
        this.history = history;
        this.wallets = List.copyOf(wallets);
        this.seed = seed;
        this.deadlineNanos = System.nanoTime() + maxDuration.toNanos();
        this.target = target;
        for (int t = 0; t < threadCount; t++) {
            int index = t;
            threads.add(new Thread(() -> send(index), "traffic-" + t));
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /** Points the clients at another REST API, such as a standby that took over. */
    void retarget(WalletClient api) {
        this.target = api;
    }

    /** Stops the clients and waits for their last requests to end. */
    void stop() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(JOIN_TIMEOUT.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop within " + JOIN_TIMEOUT);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void send(int threadIndex) {
        Random random = new Random(seed * 1_000_003L + threadIndex);
        for (long n = 0; n < MAX_CHANGES_PER_THREAD && running.get() && System.nanoTime() < deadlineNanos; n++) {
            TrafficHistory.Change change = new TrafficHistory.Change(wallets.get(random.nextInt(wallets.size())),
                    random.nextBoolean(), 1 + random.nextInt(500), "t" + threadIndex + "-" + n);
            for (int attempt = 1; attempt <= TRIES && running.get(); attempt++) {
                if (history.send(target, change).definite()) {
                    break;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
