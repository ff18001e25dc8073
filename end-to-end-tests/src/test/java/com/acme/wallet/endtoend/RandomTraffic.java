package com.acme.wallet.endtoend;

import com.acme.wallet.client.RetryPolicy;
import com.acme.wallet.client.WalletClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Concurrent random traffic over many wallets, as the seed's clients and a game provider's send it,
 * each request with a reference of its own. Half are adds and removes of 1 to 500 cents, as the
 * seed's clients send them: balances wander up and down and removes are often refused for want of
 * funds. The other half play rounds: a bet of 1 to 500 cents, then
 * <ul>
 *   <li>a win of 0 to 1,000 cents that closes the round (50 %), sometimes followed by a rollback of
 *       the win (10 %, refused if the win is spent) or of the bet (10 %, refused: already settled);
 *   <li>a rollback of the bet, then a second one under another reference, which is refused (10 %);
 *   <li>a rollback sent at the same time as its bet, so that either may come first (20 %);
 *   <li>a rollback sent before its bet, a tombstone that refuses the late bet (10 %);
 *   <li>nothing, a round left open (10 %).
 * </ul>
 * Each change goes through {@code wallet-client} with {@link #RETRIES}: without a definite answer
 * (a 503, a timeout, no connection) it sends the same request again up to {@value #TRIES} times in
 * all, honouring Retry-After, then looks the reference up; the client then moves on, and the
 * audit resolves what is still open.
 *
 * <p>Bounded: each thread stops at {@link #stop()}, at its deadline, or after
 * {@value #MAX_CHANGES_PER_THREAD} changes, whichever comes first. Loopback only.
 */
final class RandomTraffic implements AutoCloseable {

    static final int TRIES = 3;
    /**
     * The clients' retries: {@value #TRIES} sends, pauses from 200 ms to 1 s (the service asks for
     * 1 s), and lookups for up to 5 s. The sends' 30 s leave room for three requests that each wait
     * the harness's whole client timeout, so that no request's timeout is cut short by the budget
     * (a cut timeout would look like a request left hanging).
     */
    static final RetryPolicy RETRIES = new RetryPolicy(TRIES, Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(1), Duration.ofSeconds(5));
    static final long MAX_CHANGES_PER_THREAD = 5_000_000;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);
    /** Beyond the longest call the client makes ({@link #RETRIES}: 30 s of sends and 5 s of lookups). */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

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
            String wallet = wallets.get(random.nextInt(wallets.size()));
            String reference = "t" + threadIndex + "-" + n;
            if (random.nextBoolean()) {
                send(new TrafficHistory.Funds(wallet, random.nextBoolean(), 1 + random.nextInt(500), reference));
            } else {
                playRound(random, wallet, reference);
            }
        }
    }

    /** One round of the mix described above; {@code round} is its id and the stem of its references. */
    private void playRound(Random random, String wallet, String round) {
        TrafficHistory.Bet bet = new TrafficHistory.Bet(wallet, round + "-bet", round, 1 + random.nextInt(500), false);
        TrafficHistory.Rollback rollbackOfBet = new TrafficHistory.Rollback(round + "-rb", bet);
        int ending = random.nextInt(10);
        if (ending == 0) {
            send(rollbackOfBet);
            send(bet);
            return;
        }
        if (ending <= 2) {
            race(bet, rollbackOfBet);
            return;
        }
        send(bet);
        if (ending == 3) {
            send(rollbackOfBet);
            send(new TrafficHistory.Rollback(round + "-rb2", bet));
        } else if (ending <= 8) {
            TrafficHistory.Win win = new TrafficHistory.Win(wallet, round + "-win", round, random.nextInt(1_001), true);
            send(win);
            if (ending == 7) {
                send(new TrafficHistory.Rollback(round + "-rw", win));
            } else if (ending == 8) {
                send(rollbackOfBet);
            }
        }
    }

    /** Sends a bet and its rollback at once, then each again that the client could not decide. */
    private void race(TrafficHistory.Bet bet, TrafficHistory.Rollback rollback) {
        CompletableFuture<TrafficHistory.Sent> rollingBack = history.sendAsync(target, rollback);
        CompletableFuture<TrafficHistory.Sent> betting = history.sendAsync(target, bet);
        for (CompletableFuture<TrafficHistory.Sent> sent : List.of(rollingBack, betting)) {
            TrafficHistory.Sent call = sent.join();
            if (!call.definite() && running.get()) {
                pause();
                send(call.change());
            }
        }
    }

    /** One call of the client: it retries by its policy; what it leaves undecided, the audit resolves. */
    private void send(TrafficHistory.Change change) {
        if (running.get()) {
            history.send(target, change);
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
