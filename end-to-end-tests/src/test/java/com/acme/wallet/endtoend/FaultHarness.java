package com.acme.wallet.endtoend;

import com.acme.wallet.testsupport.PrivatePostgres;
import com.acme.wallet.testsupport.PrivatePulsar;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
    /** A SIGTERM ends the REST API within this. */
    static final Duration GRACEFUL_EXIT_BOUND = Duration.ofSeconds(10);
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(8);
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(90);
    /** How long a standby, once waiting for the writer, must stay alive and unhealthy beside it. */
    static final Duration STANDBY_HOLD = Duration.ofSeconds(5);
    static final Duration MAX_RUN = Duration.ofHours(25);

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
        this.consumer = stack.startBatchConsumer();
        this.api = startApi(Stack.freePort(), Map.of());
        List<String> wallets = new ArrayList<>();
        for (int w = 0; w < walletCount; w++) {
            String wallet = "w" + w;
            int status = api.client().open(wallet, OPENING_BALANCE).status();
            if (status != 201) {
                throw new IllegalStateException("cannot open " + wallet + ": " + status);
            }
            openings.put(wallet, OPENING_BALANCE);
            wallets.add(wallet);
        }
        this.traffic = new RandomTraffic(history, wallets, seed, clients, MAX_RUN, loadClient(api));
        traffic.start();
    }

    long seed() {
        return seed;
    }

    /** {@return the faults injected so far, in order} */
    List<String> faults() {
        return List.copyOf(faults);
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
            WalletClient.Reply read = api.client().get(wallet);
            if (read.status() != 200) {
                violate("pulsar down: GET /wallet/" + wallet + " answered " + read.status() + " " + read.body());
            }
        }
        Stack.sleep(outage.dividedBy(2));
        long restarting = System.nanoTime();
        pulsar.restart();
        int writesWhileDown = 0;
        long slowestMillis = 0;
        for (TrafficHistory.Attempt attempt : history.attempts()) {
            if (!attempt.within(down, restarting)) {
                continue;
            }
            writesWhileDown++;
            slowestMillis = Math.max(slowestMillis, attempt.latencyMillis());
            if (attempt.status() != 503 && attempt.status() != 422) {
                violate("pulsar down: a write answered " + attempt.status() + " (503 expected): " + attempt);
            }
            if (attempt.latencyMillis() > WRITE_ANSWER_BOUND.toMillis()) {
                violate("pulsar down: a write took " + attempt.latencyMillis() + " ms to answer, over "
                        + WRITE_ANSWER_BOUND.toMillis() + " ms: " + attempt);
            }
        }
        if (writesWhileDown == 0) {
            violate("pulsar down: no write was answered while it was down");
        }
        long ready = System.nanoTime();
        awaitWritable("the REST API to take writes again after Pulsar came back");
        long writable = millisSince(ready);
        awaitWritable("every wallet to take writes again after Pulsar came back", openings.keySet());
        if (api.process().pid() != pid || !api.process().isAlive()) {
            violate("pulsar down: the REST API did not survive the outage");
        }
        faults.add("pulsar stopped " + outage.toSeconds() + " s (" + writesWhileDown + " writes while down, slowest "
                + slowestMillis + " ms; broker restart took " + millisSince(restarting) / 1000 + " s, writes again "
                + writable + " ms and to every wallet " + millisSince(ready) + " ms after it was ready)");
    }

    /**
     * PostgreSQL stopped for a while under load, then started again: the REST API keeps taking
     * writes meanwhile, the batch consumer keeps retrying, and the audit later sees the lag drained.
     */
    void stopPostgres(Duration outage) {
        postgres.stop();
        long down = System.nanoTime();
        Stack.sleep(outage);
        long restarting = System.nanoTime();
        postgres.restart();
        int acknowledged = 0;
        for (TrafficHistory.Attempt attempt : history.attempts()) {
            if (!attempt.within(down, restarting)) {
                continue;
            }
            if (attempt.acknowledged()) {
                acknowledged++;
            } else if (!attempt.refused()) {
                violate("postgresql down: a write had no definite answer: " + attempt);
            }
        }
        if (acknowledged == 0) {
            violate("postgresql down: the REST API acknowledged no write while it was down");
        }
        faults.add("postgresql stopped " + outage.toSeconds() + " s (" + acknowledged + " writes acknowledged while down)");
        if (!consumer.isAlive()) {
            violate("postgresql down: the batch consumer exited instead of retrying:\n" + consumer.logTail());
            consumer = stack.startBatchConsumer();
        }
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
        Stack.RestApi standby = stack.startRestApi(Stack.freePort(), Map.of("WALLET_STANDBY", "true"));
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
        traffic.retarget(loadClient(standby));
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
        return LedgerAudit.audit(stack, api.client(), history, openings, violations, catchUp);
    }

    /** {@return the stack, for a test that tampers with its database} */
    Stack stack() {
        return stack;
    }

    /** {@return the first change the service acknowledged} */
    TrafficHistory.Change firstAcknowledged() {
        return history.attempts().stream().filter(TrafficHistory.Attempt::acknowledged)
                .map(TrafficHistory.Attempt::change).findFirst().orElseThrow();
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

    private Stack.RestApi startApi(int port, Map<String, String> environment) {
        Stack.RestApi started = stack.startRestApi(port, environment);
        try {
            started.awaitHealthy();
        } catch (RuntimeException | AssertionError notReady) {
            // Nobody else holds it: a REST API that waits for its dependencies never exits by itself.
            started.close();
            throw notReady;
        }
        return started;
    }

    private static WalletClient loadClient(Stack.RestApi api) {
        return new WalletClient(api.client().port(), CLIENT_TIMEOUT);
    }

    /** Sends probe credits to the first wallet, recorded like any traffic, until one is acknowledged. */
    private void awaitWritable(String what) {
        awaitWritable(what, List.of(openings.keySet().iterator().next()));
    }

    /**
     * Sends probe credits, recorded like any traffic, to each wallet until one is acknowledged:
     * after an outage of the log, every wallet whose change was not confirmed is in doubt and
     * answers 503 until the REST API has read it back, and the next fault must find them all healthy.
     */
    private void awaitWritable(String what, Collection<String> wallets) {
        WalletClient client = api.client();
        long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
        for (String wallet : wallets) {
            try {
                Stack.await(what + " (wallet " + wallet + ")",
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                        () -> history.send(client, new TrafficHistory.Change(wallet, true, 1,
                                "probe-" + probes.incrementAndGet())).acknowledged());
            } catch (AssertionError notRecovered) {
                violate(notRecovered.getMessage() + "\n" + api.process().logTail());
                return;
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private void violate(String violation) {
        violations.add(violation);
    }
}
