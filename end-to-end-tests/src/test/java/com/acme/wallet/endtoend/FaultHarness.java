package com.acme.wallet.endtoend;

import com.acme.wallet.testsupport.PrivatePostgres;
import com.acme.wallet.testsupport.PrivatePulsar;
import com.acme.wallet.client.Answer;
import com.acme.wallet.client.ErrorCode;
import com.acme.wallet.client.Outcome;
import com.acme.wallet.client.RetryPolicy;
import com.acme.wallet.client.Wallet;
import com.acme.wallet.client.WalletClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load-and-fault harness: a stack of its own (both programs as processes, on a broker and a
 * PostgreSQL server the harness may stop), random traffic from several clients, and the faults of
 * issue 4, each of which checks what it promises while it happens. {@link #finish()} stops the
 * traffic and runs the {@link LedgerAudit}. Everything found goes into one list of violations,
 * reported with the seed that reproduces the run.
 *
 * <p>Bounded: every wait has a limit; the traffic stops at {@link #MAX_RUN} at the latest.
 */
final class FaultHarness implements AutoCloseable {

    /** Small, so that removes are often refused for want of funds: the audit checks refusals too. */
    static final long OPENING_BALANCE = 2_000;
    /** Writes answer 503 within this bound while the log cannot confirm them (the REST API's 2.5 s default, plus slack). */
    static final Duration WRITE_ANSWER_BOUND = Duration.ofSeconds(3);
    /**
     * History reads answer 503 within this while PostgreSQL is down: the history pool's 2 s wait for
     * a connection, plus slack for a loaded machine.
     */
    static final Duration HISTORY_ANSWER_BOUND = Duration.ofSeconds(5);
    /** A SIGTERM ends the REST API within this. */
    static final Duration GRACEFUL_EXIT_BOUND = Duration.ofSeconds(10);
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(8);
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(90);
    /** Recovery target: after a broker outage (of 90 s or more), writes come back within this after it is ready. */
    static final Duration WRITES_AGAIN_BOUND = Duration.ofSeconds(5);
    /** Recovery target: with 10,000 or more wallets in doubt, every one takes writes within this after the broker is ready. */
    static final Duration EVERY_WALLET_AGAIN_BOUND = Duration.ofSeconds(3);

    /**
     * How long ago a change was acknowledged for the batch consumer to have stored it (within a
     * batch's wait, 50 ms here) and the REST API to have forgotten it (within a forgetting round, 1 s).
     */
    private static final Duration OLD_CHANGE_AGE = Duration.ofSeconds(3);
    private static final int OLD_RETRIES = 10;
    /** Three of the REST API's forgetting rounds (one a second): a change PostgreSQL holds is forgotten by then. */
    private static final Duration FORGETTING_ROUNDS = Duration.ofSeconds(3);
    /** The longest wait for PostgreSQL to answer again, through the REST API's pool, after its restart. */
    private static final Duration OLD_RETRY_BOUND = Duration.ofSeconds(60);
    /** How long a standby, once waiting for the writer, must stay alive and unhealthy beside it. */
    static final Duration STANDBY_HOLD = Duration.ofSeconds(5);
    static final Duration MAX_RUN = Duration.ofHours(25);
    /**
     * Sends the writes that put wallets in doubt, many at once: each waits up to 2.5 s for its 503,
     * so a few at a time would take minutes for 10,000.
     */
    private static final BulkSender TO_DOUBT = new BulkSender(BulkSender.CONCURRENCY, Duration.ofMinutes(5));
    /**
     * Opens wallets and sends probe credits over a few dozen kept-alive connections. Hundreds of
     * fresh connections at once overflow the server's accept queue (Jetty leaves its length to the
     * JDK, which makes it 50); the dropped connects are retried after a second or more, and a round
     * of probes then measures that instead of the service.
     */
    private static final BulkSender PROBES = new BulkSender(48, Duration.ofMinutes(5));
    private static final int OPEN_TRIES = 40;
    private static final Duration OPEN_RETRY_PAUSE = Duration.ofMillis(500);
    /** What the REST API logs once for each wallet that goes into doubt. */
    private static final String IN_DOUBT_LOG_LINE = "not confirmed; the wallet takes no writes until it is read back";
    private static final String READ_BACK_LOG_LINE = "wallets read back from the log up to barrier";
    /**
     * What the REST API logs once its filter of stored references is built, in the background after
     * each start: until then a write of a wallet with forgotten changes needs PostgreSQL.
     */
    private static final String INDEXED_LOG_LINE = "indexed the references and rounds of";
    private static final java.util.regex.Pattern READ_BACK_COUNT = java.util.regex.Pattern.compile(
            "([0-9][0-9,]*) wallets read back from the log");
    private static final int MAX_READ_BACK_LINES = 100_000;
    private static final Duration PROBE_ROUND_PAUSE = Duration.ofMillis(50);

    private final long seed;
    private final PrivatePulsar pulsar;
    private final PrivatePostgres postgres;
    private final Stack stack;
    private final TrafficHistory history = new TrafficHistory();
    private final Map<String, Long> openings = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> faults = new ArrayList<>();
    private final AtomicLong probes = new AtomicLong();
    private final RandomTraffic traffic;
    private ProgramProcess consumer;
    private Stack.RestApi api;

    /**
     * Starts the stack, opens the wallets and starts the traffic.
     *
     * @param seed the seed of the traffic (the fault schedule has its own use of it)
     * @param pulsar a broker of this harness's own
     * @param postgres a PostgreSQL server of this harness's own
     * @param walletCount how many wallets the traffic spreads over
     * @param clients how many clients send at once
     */
    FaultHarness(long seed, PrivatePulsar pulsar, PrivatePostgres postgres, int walletCount, int clients) {
        this.seed = seed;
        this.pulsar = pulsar;
        this.postgres = postgres;
        this.stack = new Stack(pulsar, postgres);
        List<String> wallets = new ArrayList<>();
        for (int w = 0; w < walletCount; w++) {
            wallets.add("w" + w);
        }
        try {
            this.consumer = stack.startBatchConsumer();
            this.api = startApi(Stack.freePort(), Map.of());
            openAll(wallets);
        } catch (RuntimeException | AssertionError notStarted) {
            // close() will not run for a harness that was never made: stop what was started, or its
            // processes outlive the test and load the machine under every later one.
            if (api != null) {
                api.close();
            }
            if (consumer != null) {
                consumer.close();
            }
            stack.close();
            throw notStarted;
        }
        this.traffic = new RandomTraffic(history, wallets, seed, clients, MAX_RUN, trafficClient(api));
        traffic.start();
    }

    /**
     * Opens the wallets, many at once. An open without a definite answer (a 503 when its append
     * was not confirmed in time on a loaded machine, a timeout) is sent again; 409 then means that
     * the earlier one landed, which is as good as 201.
     */
    private void openAll(List<String> wallets) {
        WalletClient opener = loadClient(api);
        java.util.Set<String> sentBefore = new java.util.HashSet<>();
        List<String> unopened = wallets;
        for (int tries = 0; tries < OPEN_TRIES && !unopened.isEmpty(); tries++) {
            if (tries > 0) {
                Stack.sleep(OPEN_RETRY_PAUSE);
            }
            List<Answer<Wallet>> opened = PROBES.sendEach(unopened,
                    wallet -> opener.openWalletAsync(wallet, OPENING_BALANCE));
            List<String> again = new ArrayList<>();
            for (int w = 0; w < unopened.size(); w++) {
                String wallet = unopened.get(w);
                Answer<Wallet> answer = opened.get(w);
                boolean openedBefore = answer instanceof Answer.Refused<Wallet> refused
                        && refused.code().equals(ErrorCode.WALLET_EXISTS) && sentBefore.contains(wallet);
                if (answer instanceof Answer.Unavailable) {
                    again.add(wallet);
                } else if (!(answer instanceof Answer.Success) && !openedBefore) {
                    throw new IllegalStateException("cannot open " + wallet + ": " + answer);
                }
            }
            sentBefore.addAll(unopened);
            unopened = again;
        }
        if (!unopened.isEmpty()) {
            throw new IllegalStateException(unopened.size() + " wallets not opened after " + OPEN_TRIES + " tries");
        }
        wallets.forEach(wallet -> openings.put(wallet, OPENING_BALANCE));
    }

    long seed() {
        return seed;
    }

    /** {@return the faults injected so far, in order} */
    List<String> faults() {
        return List.copyOf(faults);
    }

    /**
     * {@return the traffic so far in one line, for {@code ./wallet soak}'s progress: changes sent
     * (retries included), acknowledged, refused, and without a definite answer yet (5xx, timeout, no
     * connection; retried at the end)}
     */
    String trafficSoFar() {
        List<TrafficHistory.Attempt> attempts = history.attempts();
        long acknowledged = attempts.stream().filter(TrafficHistory.Attempt::acknowledged).count();
        long refused = attempts.stream().filter(TrafficHistory.Attempt::refused).count();
        return "requests=" + attempts.size() + " acknowledged=" + acknowledged + " refused=" + refused
                + " undecided=" + (attempts.size() - acknowledged - refused);
    }

    /** Lets the traffic run. */
    void run(Duration duration) {
        Stack.sleep(duration);
    }

    /** SIGKILL of the REST API under load, then a restart on the same port. */
    void killRestApi() {
        faults.add("rest-api SIGKILL");
        int port = api.client().port();
        api.process().killHard();
        api = startApi(port, Map.of());
    }

    /** SIGKILL of the batch consumer, busy with a batch under this load, then a restart. */
    void killBatchConsumer() {
        faults.add("batch-consumer SIGKILL");
        consumer.killHard();
        Stack.sleep(Duration.ofMillis(500));
        consumer = stack.startBatchConsumer();
    }

    /**
     * The Pulsar broker stopped for a while under load, then started again. While it is down,
     * writes answer 503 within {@link #WRITE_ANSWER_BOUND} and reads answer 200; once it is back,
     * the same REST API process takes writes again within {@link #RECOVERY_BOUND}.
     */
    void stopBroker(Duration outage) {
        long pid = api.process().pid();
        pulsar.stop();
        long down = System.nanoTime();
        Stack.sleep(outage.dividedBy(2));
        for (String wallet : openings.keySet().stream().limit(5).toList()) {
            ApiClient.Reply read = api.client().get(wallet);
            if (read.status() != 200) {
                violate("pulsar down: GET /wallet/" + wallet + " answered " + read.status() + " " + read.body());
            }
        }
        Stack.sleep(outage.dividedBy(2));
        long restarting = System.nanoTime();
        pulsar.restart();
        long listed = System.nanoTime();
        pulsar.awaitHealthy();
        long ready = System.nanoTime();
        WindowCount whileDown = checkWritesRefusedBetween("pulsar down", down, restarting);
        long writable = awaitWritableMillis(ready);
        EveryWallet again = awaitEveryWalletWritable(loadClient(api), ready);
        if (api.process().pid() != pid || !api.process().isAlive()) {
            violate("pulsar down: the REST API did not survive the outage");
        }
        faults.add("pulsar stopped " + outage.toSeconds() + " s (" + whileDown.writes() + " writes while down, slowest "
                + whileDown.slowestMillis() + " ms; broker restart took " + (listed - restarting) / 1_000_000_000
                + " s, its health check passed " + (ready - listed) / 1_000_000 + " ms later; after that: writes again at "
                + writable + " ms, " + again + ")");
    }

    /** How many writes were answered within a window of a broker fault, and the slowest answer. */
    private record WindowCount(int writes, long slowestMillis) {}

    /**
     * Checks the writes sent and answered while the broker could not confirm anything: each
     * answered 503 within {@link #WRITE_ANSWER_BOUND}, or 2xx or a recorded refusal as a replay of a
     * change sent before the window (its outcome, a change or a recorded refusal, was confirmed
     * before the broker went), or a refusal the wallet does not record. A recorded refusal is in the
     * log like a change, so a new one needs the broker too.
     */
    private WindowCount checkWritesRefusedBetween(String fault, long fromNanos, long toNanos) {
        List<TrafficHistory.Attempt> attempts = history.attempts();
        java.util.Set<TrafficHistory.Change> sentBefore = new java.util.HashSet<>();
        attempts.stream().filter(attempt -> attempt.startedNanos() < fromNanos)
                .forEach(attempt -> sentBefore.add(attempt.change()));
        int writes = 0;
        long slowestMillis = 0;
        for (TrafficHistory.Attempt attempt : attempts) {
            if (!attempt.within(fromNanos, toNanos)) {
                continue;
            }
            writes++;
            slowestMillis = Math.max(slowestMillis, attempt.latencyMillis());
            boolean replay = (attempt.acknowledged() || attempt.recordedRefusal())
                    && sentBefore.contains(attempt.change());
            // A late bet or win refused because a rollback named it first: decided on what the log
            // had confirmed, appending nothing.
            boolean unrecordedRefusal = attempt.refused() && !attempt.recordedRefusal();
            if (attempt.status() != 503 && !replay && !unrecordedRefusal) {
                violate(fault + ": a write answered " + attempt.status() + " (503 expected): " + attempt);
            }
            if (attempt.latencyMillis() > WRITE_ANSWER_BOUND.toMillis()) {
                violate(fault + ": a write took " + attempt.latencyMillis() + " ms to answer, over "
                        + WRITE_ANSWER_BOUND.toMillis() + " ms: " + attempt);
            }
        }
        if (writes == 0) {
            violate(fault + ": no write was answered meanwhile");
        }
        return new WindowCount(writes, slowestMillis);
    }

    /**
     * Waits until the REST API takes writes again after the broker became ready, and checks
     * the recovery target: writes come back within {@link #WRITES_AGAIN_BOUND} after it is ready.
     *
     * @return the milliseconds from ready to the first acknowledged write
     */
    private long awaitWritableMillis(long readyNanos) {
        awaitWritable("the REST API to take writes again after the broker was ready");
        long writableMillis = millisSince(readyNanos);
        if (writableMillis > WRITES_AGAIN_BOUND.toMillis()) {
            violate("writes came back " + writableMillis + " ms after the broker was ready, over "
                    + WRITES_AGAIN_BOUND.toMillis() + " ms\n" + api.process().logTail());
        }
        return writableMillis;
    }

    /**
     * The recovery target for wallets in doubt: every wallet is put in doubt at once, and every one
     * must take writes again within {@link #EVERY_WALLET_AGAIN_BOUND} after the broker is ready. First
     * one credit to every wallet (the time it takes is the client's own floor for a round over all of
     * them), then the broker stopped and one credit to every wallet: each answered 503 leaves its
     * wallet in doubt, as the REST API's log confirms line by line. Then the broker is restarted, and
     * from the moment it passes its health check every wallet not yet writable gets a credit, round
     * after round, until each has one acknowledged (within {@link #RECOVERY_BOUND}, else a violation).
     *
     * <p>The bound is checked on the time the REST API logged its last read-back, from which on every
     * wallet takes writes: the client's own figures (a wallet took writes again at the start of its
     * first acknowledged credit, and not yet at the start of its last refused one) include the time
     * the client needs to reach every wallet, which on a loaded machine exceeds the bound by itself.
     *
     * @return the figures
     */
    InDoubtRecovery everyWalletInDoubtRecovers() {
        List<String> wallets = List.copyOf(openings.keySet());
        WalletClient client = loadClient(api);
        long steadyStarted = System.nanoTime();
        List<TrafficHistory.Attempt> steady = credit(client, wallets, "steady");
        long steadyMillis = millisSince(steadyStarted);
        long steadyAcknowledged = steady.stream().filter(TrafficHistory.Attempt::acknowledged).count();
        long inDoubtBefore = api.process().linesContaining(IN_DOUBT_LOG_LINE, 0).count();

        LocalTime downClock = LocalTime.now();
        pulsar.stop();
        long down = System.nanoTime();
        long refused = creditEachUntilRefused(client, wallets);
        long whileDownMillis = millisSince(down);
        long[] inDoubt = new long[1];
        try {
            Stack.await("every wallet to be in doubt", RECOVERY_BOUND, () -> {
                inDoubt[0] = api.process().linesContaining(IN_DOUBT_LOG_LINE, 0).count() - inDoubtBefore;
                return inDoubt[0] >= wallets.size();
            });
        } catch (AssertionError notAll) {
            violate("broker down: only " + inDoubt[0] + " of " + wallets.size() + " wallets went into doubt");
        }

        pulsar.restart();
        long listed = System.nanoTime();
        pulsar.awaitHealthy();
        long ready = System.nanoTime();
        LocalTime readyClock = LocalTime.now();
        // A client of its own: the connections of the one above idled out while the broker restarted.
        EveryWallet again = awaitEveryWalletWritable(loadClient(api), ready);
        String lastReadBack = lastOfReadBacksSince(downClock, inDoubt[0]);
        long readBackMillis = lastReadBack == null ? Long.MAX_VALUE : millisBetween(readyClock, lastReadBack);
        InDoubtRecovery recovery = new InDoubtRecovery(wallets.size(), refused, inDoubt[0], steadyMillis,
                steadyAcknowledged, whileDownMillis, (ready - listed) / 1_000_000, again, readBackMillis);
        // The REST API's own log says when it read the last of them back: from then on every one takes
        // writes. A client sees it only by writing to each, and on a loaded machine a round of writes
        // to thousands of wallets takes longer than the target itself (steadyRoundMillis shows how
        // long): so the bound is checked on the log's time, and the client's figures are reported.
        if (readBackMillis > EVERY_WALLET_AGAIN_BOUND.toMillis()) {
            violate("with " + recovery.inDoubt() + " wallets in doubt, the REST API read the last back "
                    + (lastReadBack == null ? "never" : readBackMillis + " ms after the broker was ready") + ", over "
                    + EVERY_WALLET_AGAIN_BOUND.toMillis() + " ms: " + recovery + "\n" + lastReadBack);
        }
        faults.add("pulsar stopped with every wallet in doubt: " + recovery);
        return recovery;
    }

    /**
     * What {@link #everyWalletInDoubtRecovers()} measured; times in milliseconds, those after the
     * outage counted from the moment the broker was ready.
     *
     * @param wallets how many wallets there are
     * @param refusedWhileDown how many of the credits sent while the broker was down answered 503
     * @param inDoubt how many wallets the REST API logged as gone into doubt meanwhile
     * @param steadyRoundMillis one credit to every wallet before the outage: the client's floor
     * @param steadyAcknowledged how many of those were acknowledged
     * @param whileDownMillis one credit to every wallet while the broker was down
     * @param healthCheckMillis from the restarted broker listing its cluster to passing its health check
     * @param again when the client saw the wallets take writes
     * @param readBackMillis when the REST API logged its last read-back round, by its log's clock
     */
    record InDoubtRecovery(int wallets, long refusedWhileDown, long inDoubt, long steadyRoundMillis,
            long steadyAcknowledged, long whileDownMillis, long healthCheckMillis, EveryWallet again,
            long readBackMillis) {

        @Override
        public String toString() {
            return wallets + " wallets, " + inDoubt + " in doubt (" + refusedWhileDown + " credits answered 503 while"
                    + " down, sent in " + whileDownMillis + " ms; one credit each before the outage took "
                    + steadyRoundMillis + " ms, " + steadyAcknowledged + " acknowledged); the broker's health check"
                    + " passed " + healthCheckMillis + " ms after its restart; after that: the REST API logged the last"
                    + " of them read back at " + readBackMillis + " ms; seen by the client: " + again;
        }
    }

    /**
     * When the wallets took writes again, counted from the moment the broker was ready.
     *
     * @param firstWalletMillis the start of the first acknowledged credit of any wallet
     * @param everyWalletMillis the start of the last wallet's first acknowledged credit
     * @param lastRefusedMillis the start of the last credit refused: every wallet was writable after it
     * @param rounds how many rounds of credits it took
     * @param waiting the wallets that never took a write within {@link #RECOVERY_BOUND}
     */
    record EveryWallet(long firstWalletMillis, long everyWalletMillis, long lastRefusedMillis, int rounds,
            List<String> waiting) {

        @Override
        public String toString() {
            return "first wallet writable at " + firstWalletMillis + " ms, every wallet at " + everyWalletMillis
                    + " ms (last refusal at " + lastRefusedMillis + " ms, " + rounds + " rounds of credits)";
        }
    }

    /**
     * Sends every wallet not yet writable a credit, round after round, until each has one
     * acknowledged, or {@link #RECOVERY_BOUND} after the broker was ready (a violation). Many at
     * once: one wallet after another, the time would be the client's, not the service's.
     */
    private EveryWallet awaitEveryWalletWritable(WalletClient client, long readyNanos) {
        Map<String, Long> writableNanos = new HashMap<>();
        long lastRefusedNanos = readyNanos;
        int rounds = 0;
        List<String> waiting = new ArrayList<>(openings.keySet());
        while (!waiting.isEmpty() && System.nanoTime() - readyNanos < RECOVERY_BOUND.toNanos()) {
            for (TrafficHistory.Attempt attempt : credit(client, waiting, "again" + rounds)) {
                if (attempt.acknowledged()) {
                    writableNanos.put(attempt.change().wallet(), attempt.startedNanos());
                } else {
                    lastRefusedNanos = Math.max(lastRefusedNanos, attempt.startedNanos());
                }
            }
            waiting.removeIf(writableNanos::containsKey);
            rounds++;
            if (!waiting.isEmpty()) {
                Stack.sleep(PROBE_ROUND_PAUSE);
            }
        }
        if (!waiting.isEmpty()) {
            violate(waiting.size() + " wallets never took a write again within " + RECOVERY_BOUND + " after the broker"
                    + " was ready, such as " + waiting.subList(0, Math.min(5, waiting.size())) + "\n"
                    + api.process().logTail());
        }
        return new EveryWallet(
                writableNanos.values().stream().mapToLong(at -> (at - readyNanos) / 1_000_000).min().orElse(-1),
                writableNanos.values().stream().mapToLong(at -> (at - readyNanos) / 1_000_000).max().orElse(-1),
                (lastRefusedNanos - readyNanos) / 1_000_000, rounds, List.copyOf(waiting));
    }

    /**
     * While the broker is down, sends each wallet credits until one is answered 503, which leaves
     * the wallet in doubt. A credit that got no answer at all (its connection was refused while
     * hundreds opened at once) never reached the ledger, so it is sent again; any other answer is a
     * violation.
     *
     * @return how many wallets had a credit answered 503
     */
    private long creditEachUntilRefused(WalletClient client, List<String> wallets) {
        List<String> notYet = wallets;
        for (int tries = 0; tries < OPEN_TRIES && !notYet.isEmpty(); tries++) {
            List<String> again = new ArrayList<>();
            for (TrafficHistory.Attempt attempt : credit(TO_DOUBT, client, notYet, "doubt")) {
                if (attempt.status() == TrafficHistory.NO_ANSWER || attempt.status() == TrafficHistory.TIMED_OUT) {
                    again.add(attempt.change().wallet());
                } else if (attempt.status() != 503) {
                    violate("broker down: a write answered " + attempt.status() + ", not 503: " + attempt);
                }
            }
            notYet = again;
        }
        return wallets.size() - notYet.size();
    }

    private List<TrafficHistory.Attempt> credit(WalletClient client, List<String> wallets, String purpose) {
        return credit(PROBES, client, wallets, purpose);
    }

    private List<TrafficHistory.Attempt> credit(BulkSender sender, WalletClient client, List<String> wallets,
            String purpose) {
        long round = probes.incrementAndGet();
        return sender.sendEach(wallets, wallet -> history.sendAsync(client,
                new TrafficHistory.Funds(wallet, true, 1, purpose + "-" + round + "-" + wallet))
                .thenApply(TrafficHistory.Sent::last));
    }

    /**
     * The broker's JVM paused (SIGSTOP) for a while under load, then continued (SIGCONT, always,
     * also when this fails). Its connections stay open, so sends time out while the broker may still
     * store them once it runs again: the "late landing" that the REST API's read-back behind a
     * barrier must absorb. While it is paused, writes answer 503 within {@link #WRITE_ANSWER_BOUND}
     * (or replay an outcome confirmed before); once it answers
     * again, the same REST API process takes writes within {@link #WRITES_AGAIN_BOUND} and every
     * wallet takes writes again before the next fault.
     */
    void pauseBroker(Duration pause) {
        long pid = api.process().pid();
        long continuing;
        pulsar.freeze();
        long paused = System.nanoTime();
        try {
            Stack.sleep(pause);
        } finally {
            continuing = System.nanoTime();
            pulsar.thaw();
        }
        long answering = System.nanoTime();
        pulsar.awaitHealthy();
        long ready = System.nanoTime();
        WindowCount whilePaused = checkWritesRefusedBetween("pulsar paused", paused, continuing);
        long writable = awaitWritableMillis(ready);
        EveryWallet again = awaitEveryWalletWritable(loadClient(api), ready);
        if (api.process().pid() != pid || !api.process().isAlive()) {
            violate("pulsar paused: the REST API did not survive the pause");
        }
        faults.add("pulsar paused " + pause.toMillis() + " ms (" + whilePaused.writes() + " writes answered while paused,"
                + " slowest " + whilePaused.slowestMillis() + " ms; health check passed " + (ready - answering) / 1_000_000
                + " ms after it answered again; after that: writes again at " + writable + " ms, " + again + ")");
    }

    /**
     * PostgreSQL stopped for a while under load, then started again: the REST API keeps taking
     * writes meanwhile, the batch consumer keeps retrying, and the audit later sees the lag drained.
     */
    void stopPostgres(Duration outage) {
        stopPostgres(outage, false);
    }

    /**
     * {@link #stopPostgres(Duration)}, first waiting until PostgreSQL holds some acknowledged changes and the
     * REST API had the time to forget them, so that their retries must be looked up in PostgreSQL.
     */
    void stopPostgresAfterChangesAreForgotten(Duration outage) {
        stopPostgres(outage, true);
    }

    private void stopPostgres(Duration outage, boolean forgottenFirst) {
        List<TrafficHistory.Change> old = acknowledgedBefore(
                System.nanoTime() - (forgottenFirst ? 0 : OLD_CHANGE_AGE.toNanos()), OLD_RETRIES);
        if (forgottenFirst) {
            Stack.await("PostgreSQL to hold " + old.size() + " acknowledged changes", RECOVERY_BOUND,
                    () -> old.stream().allMatch(change -> stack.queryLong(
                            "SELECT count(*) FROM transactions WHERE wallet_id = ? AND reference = ?",
                            change.wallet(), change.reference()) == 1));
            // The REST API forgets what PostgreSQL holds in its next round, one a second.
            Stack.sleep(FORGETTING_ROUNDS);
        }
        awaitIndexed();
        postgres.stop();
        long down = System.nanoTime();
        String oldWhileDown = retryOld(old, false, forgottenFirst);
        String historyWhileDown = readHistory(false);
        Stack.sleep(outage);
        long restarting = System.nanoTime();
        postgres.restart();
        String oldAfter = retryOld(old, true, forgottenFirst);
        String historyAfter = readHistory(true);
        int acknowledged = 0;
        int unavailable = 0;
        for (TrafficHistory.Attempt attempt : history.attempts()) {
            if (!attempt.within(down, restarting)) {
                continue;
            }
            if (attempt.acknowledged()) {
                acknowledged++;
            } else if (attempt.status() == 503 && attempt.latencyMillis() <= WRITE_ANSWER_BOUND.toMillis()) {
                // A reference the REST API may have forgotten needs PostgreSQL: retry later, promptly.
                unavailable++;
            } else if (!attempt.refused()) {
                violate("postgresql down: a write had no definite answer, or a 503 slower than "
                        + WRITE_ANSWER_BOUND.toMillis() + " ms: " + attempt);
            }
        }
        if (acknowledged == 0) {
            violate("postgresql down: the REST API acknowledged no write while it was down");
        }
        faults.add("postgresql stopped " + outage.toSeconds() + " s (" + acknowledged + " writes acknowledged while down, "
                + unavailable + " answered 503 for a lookup; "
                + "old references retried while down: " + oldWhileDown + "; after: " + oldAfter
                + "; history read while down: " + historyWhileDown + "; after: " + historyAfter + ")");
        if (!consumer.isAlive()) {
            violate("postgresql down: the batch consumer exited instead of retrying:\n" + consumer.logTail());
            consumer = stack.startBatchConsumer();
        }
    }

    /**
     * Waits until the REST API now serving has built its filter of stored references, which it does
     * in the background after each start: only then do new references need no PostgreSQL, which a
     * PostgreSQL outage's check of writes flowing relies on (a restart just before the outage left
     * every write of the outage answering 503 for a lookup, as it should).
     */
    private void awaitIndexed() {
        try {
            Stack.await("the REST API to index the stored references", RECOVERY_BOUND,
                    () -> api.process().linesContaining(INDEXED_LOG_LINE, 0).count() > 0);
        } catch (AssertionError notIndexed) {
            violate(notIndexed.getMessage() + "\n" + api.process().logTail());
        }
    }

    /**
     * Reads a wallet's stored history three ways (a page, a past balance, a round): while
     * PostgreSQL is down each answers 503 with {@code Retry-After} within {@link #HISTORY_ANSWER_BOUND};
     * once it is back, each answers from it within {@link #OLD_RETRY_BOUND}.
     *
     * @return a summary for the report
     */
    private String readHistory(boolean postgresBack) {
        ApiClient client = new ApiClient(api.client().port(), CLIENT_TIMEOUT);
        String wallet = openings.keySet().iterator().next();
        List<String> reads = List.of("/wallet/" + wallet + "/transactions?limit=5", "/wallet/" + wallet + "?atSequence=1",
                "/wallet/" + wallet + "/rounds/never-played");
        long slowestMillis = 0;
        for (String read : reads) {
            long started = System.nanoTime();
            ApiClient.Reply reply = client.read(read);
            slowestMillis = Math.max(slowestMillis, millisSince(started));
            long deadline = System.nanoTime() + OLD_RETRY_BOUND.toNanos();
            while (postgresBack && reply.status() == 503 && System.nanoTime() < deadline) {
                Stack.sleep(OPEN_RETRY_PAUSE);
                reply = client.read(read);
            }
            // The round was never played: once PostgreSQL answers, that is a 404 round_not_found.
            int expected = !postgresBack ? 503 : read.endsWith("never-played") ? 404 : 200;
            if (reply.status() != expected || (!postgresBack && reply.retryAfter().isEmpty())) {
                violate("postgresql " + (postgresBack ? "back" : "down") + ": GET " + read + " answered " + reply.status()
                        + " (Retry-After " + reply.retryAfter().orElse("none") + "), not " + expected + ": " + reply.body());
            }
        }
        if (!postgresBack && slowestMillis > HISTORY_ANSWER_BOUND.toMillis()) {
            violate("postgresql down: a history read took " + slowestMillis + " ms to answer 503, over "
                    + HISTORY_ANSWER_BOUND.toMillis() + " ms");
        }
        return reads.size() + " answered " + (postgresBack ? "from it" : "503") + ", slowest " + slowestMillis + " ms";
    }

    /** Up to {@code limit} changes acknowledged before the given time, oldest first. */
    private List<TrafficHistory.Change> acknowledgedBefore(long beforeNanos, int limit) {
        return history.attempts().stream()
                .filter(attempt -> attempt.acknowledged() && attempt.endedNanos() < beforeNanos)
                .map(TrafficHistory.Attempt::change)
                .distinct()
                .limit(limit)
                .toList();
    }

    /**
     * Retries changes acknowledged long ago, which the REST API (started with no window of stored
     * changes) has forgotten: while PostgreSQL is down each must answer 503 or a replay, never apply
     * again; once it is back, each must replay. Not recorded in the traffic history, so that a
     * change applied twice shows up in the audit as money invented.
     *
     * @return a summary for the report
     */
    private String retryOld(List<TrafficHistory.Change> old, boolean postgresBack, boolean forgotten) {
        WalletClient client = loadClient(api);
        int unavailable = 0;
        int replayed = 0;
        for (TrafficHistory.Change change : old) {
            Outcome outcome = change.sendWith(client).join();
            long deadline = System.nanoTime() + OLD_RETRY_BOUND.toNanos();
            while (postgresBack && answeredUnavailable(outcome) && System.nanoTime() < deadline) {
                Stack.sleep(OPEN_RETRY_PAUSE);
                outcome = change.sendWith(client).join();
            }
            if (answeredUnavailable(outcome) && !postgresBack) {
                unavailable++;
            } else if (outcome instanceof Outcome.Applied applied
                    && applied.confirmation() == Outcome.Confirmation.REPLAYED) {
                replayed++;
            } else {
                violate("postgresql " + (postgresBack ? "back" : "down") + ": a retry of " + change
                        + ", acknowledged long before, answered " + outcome);
            }
        }
        if (forgotten && !postgresBack && !old.isEmpty() && unavailable == 0) {
            violate("postgresql down: no retry of an old reference went to PostgreSQL (all " + replayed
                    + " replayed from memory), so forgetting was not exercised");
        }
        return unavailable + " answered 503, " + replayed + " replayed";
    }

    /**
     * SIGTERM to the REST API under load: it exits with 0 within {@link #GRACEFUL_EXIT_BOUND} and
     * leaves no request hanging; then a restart on the same port.
     */
    void terminateRestApi() {
        int port = api.client().port();
        long signalled = System.nanoTime();
        int status = api.process().stopGracefully();
        long exited = System.nanoTime();
        long tookMillis = (exited - signalled) / 1_000_000;
        if (status != 0) {
            violate("SIGTERM: the REST API exited with " + status + "\n" + api.process().logTail());
        }
        if (tookMillis > GRACEFUL_EXIT_BOUND.toMillis()) {
            violate("SIGTERM: the REST API took " + tookMillis + " ms to exit");
        }
        for (TrafficHistory.Attempt attempt : history.attempts()) {
            boolean overlapping = attempt.startedNanos() < exited && attempt.endedNanos() > signalled;
            if (overlapping && attempt.status() == TrafficHistory.TIMED_OUT) {
                violate("SIGTERM: a request was left hanging: " + attempt);
            }
        }
        faults.add("rest-api SIGTERM (exit " + status + " after " + tookMillis + " ms)");
        api = startApi(port, Map.of());
    }

    /**
     * A standby REST API started beside the running one cannot write; when the running one is
     * killed, the standby takes over, loads the state first, and the traffic moves to it.
     */
    void standbyTakeover() {
        Stack.RestApi standby = stack.startRestApi(Stack.freePort(),
                Map.of("WALLET_STANDBY", "true", "WALLET_REMEMBERED_CHANGES", "0"));
        // First the standby must have set the topic up and be asking for the producer: on a loaded
        // machine a fixed 5 s could pass while its JVM still started, and the check below would
        // then prove nothing. Then 5 s in which nothing may change: only a time can show that.
        try {
            Stack.await("the standby to reach its wait for the writer", Stack.STARTUP,
                    () -> !standby.process().isAlive()
                            || standby.process().output().contains("exists with unlimited retention"));
        } catch (AssertionError notThere) {
            violate("standby: " + notThere.getMessage() + "\n" + standby.process().logTail());
        }
        Stack.sleep(STANDBY_HOLD);
        if (!standby.process().isAlive()) {
            violate("standby: it exited while the writer ran:\n" + standby.process().logTail());
        } else if (standby.client().isHealthy()) {
            violate("standby: it answered /health 200 while another REST API writes");
        }
        awaitWritable("the running REST API to keep writing beside the standby");
        api.process().killHard();
        long killed = System.nanoTime();
        api = standby;
        traffic.retarget(trafficClient(standby));
        api.awaitHealthy();
        awaitWritable("the standby to take writes after taking over");
        faults.add("standby takeover (writes again " + millisSince(killed) + " ms after the writer's SIGKILL)");
    }

    /**
     * PostgreSQL restored from an older dump under load, as after a restore from backup: a dump is
     * taken while the traffic runs, the batch consumer persists (and acknowledges) more traffic
     * past it, then it is stopped, the dump restored over the database and the consumer started
     * again. The consumer must persist again everything the dump lacks, although its subscription
     * had acknowledged it already; it has {@link #RECOVERY_BOUND} to get back to where it was.
     *
     * @param trafficAfterDump how long the traffic runs between the dump and the restore
     */
    void restoreOlderDump(Duration trafficAfterDump) {
        awaitPersistedChangesAbove(0, "the batch consumer to persist some changes before the dump");
        Path dump = postgres.dump(stack.databaseName());
        long persistedAfterDump = persistedChanges();
        run(trafficAfterDump);
        awaitPersistedChangesAbove(persistedAfterDump, "the batch consumer to persist changes past the dump");
        int status = consumer.stopGracefully();
        if (status != 0) {
            violate("restore: the batch consumer exited with " + status + " on SIGTERM\n" + consumer.logTail());
        }
        List<UUID> persistedBeforeRestore = persistedEventIds();
        postgres.restore(stack.databaseName(), dump);
        long restored = persistedChanges();
        if (restored >= persistedBeforeRestore.size()) {
            violate("restore: the dump holds " + restored + " changes, not fewer than the "
                    + persistedBeforeRestore.size() + " persisted before the restore; the test proves nothing");
        }
        consumer = stack.startBatchConsumer();
        // New traffic alone would soon bring the count back; only the very events can show that the
        // ones the dump lacks were persisted again.
        try {
            Stack.await(() -> "the batch consumer to persist again the " + persistedBeforeRestore.size()
                    + " events PostgreSQL held before the restore (" + countPresent(persistedBeforeRestore)
                    + " there)", RECOVERY_BOUND, () -> countPresent(persistedBeforeRestore) == persistedBeforeRestore.size());
        } catch (AssertionError notPersisted) {
            violate("restore: " + notPersisted.getMessage() + "\n" + consumer.logTail());
        }
        faults.add("postgresql restored to a dump " + (persistedBeforeRestore.size() - restored) + " changes older");
    }

    private long persistedChanges() {
        return stack.queryLong("SELECT count(*) FROM transactions WHERE kind <> 'OPEN'");
    }

    private List<UUID> persistedEventIds() {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = stack.database(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT event_id FROM transactions WHERE kind <> 'OPEN'")) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot read the persisted event ids", failure);
        }
        return ids;
    }

    private long countPresent(List<UUID> eventIds) {
        try (Connection connection = stack.database(); PreparedStatement statement =
                connection.prepareStatement("SELECT count(*) FROM transactions WHERE event_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException failure) {
            // The database may be between drop and restore, or the consumer's pool reconnecting.
            return -1;
        }
    }

    private void awaitPersistedChangesAbove(long count, String what) {
        try {
            Stack.await(() -> what + " (more than " + count + " changes persisted, now " + persistedChanges() + ")",
                    RECOVERY_BOUND, () -> persistedChanges() > count);
        } catch (AssertionError notPersisted) {
            violate("restore: " + notPersisted.getMessage() + "\n" + consumer.logTail());
        }
    }

    /**
     * Stops the traffic and audits everything.
     *
     * @return the audit's counts
     */
    LedgerAudit.Summary finish() {
        traffic.stop();
        if (!consumer.isAlive()) {
            violate("the batch consumer is not running at the end:\n" + consumer.logTail());
            consumer = stack.startBatchConsumer();
        }
        return audit(LedgerAudit.CATCH_UP);
    }

    /**
     * Audits again, as {@link #finish()} did: for a test that tampers with what was audited.
     *
     * @param catchUp how long the checker waits for every topic event to be in PostgreSQL
     * @return the counts
     */
    LedgerAudit.Summary audit(Duration catchUp) {
        return LedgerAudit.audit(stack, api.client(), trafficClient(api), history, openings, violations, catchUp);
    }

    /** {@return the stack, for a test that tampers with its database} */
    Stack stack() {
        return stack;
    }

    /**
     * Sends one change as the traffic's clients do, recorded in the history that the audit checks.
     *
     * @param change the change
     * @return its attempt
     */
    TrafficHistory.Attempt send(TrafficHistory.Change change) {
        return history.send(loadClient(api), change).last();
    }

    /** {@return the first change the service acknowledged} */
    TrafficHistory.Change firstAcknowledged() {
        return history.attempts().stream().filter(TrafficHistory.Attempt::acknowledged)
                .map(TrafficHistory.Attempt::change).findFirst().orElseThrow();
    }

    /**
     * {@return how the client's calls ended, such as {@code Applied/ANSWERED=812}: how often its
     *     retries and lookups decided an outcome, for the run's report}
     */
    String clientOutcomes() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (TrafficHistory.Sent call : history.calls()) {
            String how = call.outcome() instanceof Outcome.Applied applied ? "Applied/" + applied.confirmation()
                    : call.outcome() instanceof Outcome.Refused refused ? "Refused/" + refused.confirmation()
                    : "Unknown";
            String retried = call.attempts().size() > 1 ? " after retries" : "";
            counts.merge(how + retried, 1L, Long::sum);
        }
        return counts.toString();
    }

    /** {@return every violation found so far, one line each} */
    List<String> violations() {
        return List.copyOf(violations);
    }

    /** {@return the violations, the seed and the faults, for a failure message} */
    String report() {
        return "seed=" + seed + " (rerun with -Dwallet.fault.seed=" + seed + ") faults=" + faults + "\n"
                + String.join("\n", violations);
    }

    @Override
    public void close() {
        try {
            traffic.stop();
        } finally {
            api.close();
            consumer.close();
            stack.close();
        }
    }

    /** Starts a REST API and waits until it is ready; one that does not get ready is killed, not left running. */
    private Stack.RestApi startApi(int port, Map<String, String> environment) {
        Map<String, String> withNoWindow = new HashMap<>(environment);
        // Every stored change leaves memory at once, so that every fault also exercises lookups in
        // PostgreSQL of references the REST API forgot.
        withNoWindow.putIfAbsent("WALLET_REMEMBERED_CHANGES", "0");
        Stack.RestApi started = stack.startRestApi(port, withNoWindow);
        try {
            started.awaitHealthy();
        } catch (RuntimeException | AssertionError notReady) {
            // Nobody else holds it: a REST API that waits for its dependencies never exits by itself.
            started.close();
            throw notReady;
        }
        return started;
    }

    /**
     * {@return a client that sends each request once ({@link RetryPolicy#none()}): the harness's
     *     measurements and checks are of single requests, so that they time the service, not retries}
     */
    private static WalletClient loadClient(Stack.RestApi api) {
        return ApiClient.clientBuilder(api.client().baseUrl(), CLIENT_TIMEOUT).build();
    }

    /** {@return the clients' client: it retries each change with the same reference, then looks it up} */
    private static WalletClient trafficClient(Stack.RestApi api) {
        return loadClient(api).withRetryPolicy(RandomTraffic.RETRIES);
    }

    /**
     * {@return whether a single request got a 5xx (a 503: the service could not tell), not a
     *     network failure}
     */
    private static boolean answeredUnavailable(Outcome outcome) {
        return outcome instanceof Outcome.Unknown unknown && unknown.lastFailure().isEmpty();
    }

    /**
     * Sends probe credits to the first wallet, recorded like any traffic, until one is acknowledged:
     * after an outage of the log it may be in doubt, answering 503 until the REST API has read it back.
     */
    private void awaitWritable(String what) {
        WalletClient client = loadClient(api);
        String wallet = openings.keySet().iterator().next();
        try {
            Stack.await(what + " (wallet " + wallet + ")", RECOVERY_BOUND,
                    () -> history.send(client, new TrafficHistory.Funds(wallet, true, 1,
                            "probe-" + probes.incrementAndGet())).acknowledged());
        } catch (AssertionError notRecovered) {
            violate(notRecovered.getMessage() + "\n" + api.process().logTail());
        }
    }

    /**
     * {@return the REST API's log line of the read-back round that brought the wallets read back
     * since a time of day to the given number, or null if they never reached it}
     */
    private String lastOfReadBacksSince(LocalTime since, long wallets) {
        long readBack = 0;
        for (String line : api.process().linesContaining(READ_BACK_LOG_LINE, MAX_READ_BACK_LINES).last()) {
            java.util.regex.Matcher count = READ_BACK_COUNT.matcher(line);
            if (millisBetween(since, line) < 0 || !count.find()) {
                continue;
            }
            readBack += Long.parseLong(count.group(1).replace(",", ""));
            if (readBack >= wallets) {
                return line;
            }
        }
        return null;
    }

    /**
     * {@return the milliseconds from a time of day to the time a program's log line starts with}
     * The line starts with an ISO-8601 instant in UTC, read here as this machine's time of day; a
     * line from before midnight counts as the same day.
     */
    private static long millisBetween(LocalTime from, String logLine) {
        LocalTime logged = LocalTime.ofInstant(Instant.parse(logLine.substring(0, logLine.indexOf(' '))),
                ZoneId.systemDefault());
        long millis = Duration.between(from, logged).toMillis();
        return millis < -Duration.ofHours(12).toMillis() ? millis + Duration.ofDays(1).toMillis() : millis;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private void violate(String violation) {
        violations.add(violation);
    }
}
