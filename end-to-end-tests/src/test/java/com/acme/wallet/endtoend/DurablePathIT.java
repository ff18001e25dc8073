package com.acme.wallet.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.adapter.pulsar.PulsarEventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The durable path end to end: both programs as real processes on real Pulsar and PostgreSQL,
 * stopped the ways production stops them.
 */
@Timeout(300)
class DurablePathIT {

    /**
     * The longest wait for the batch consumer to persist what was acknowledged: it may include a
     * consumer JVM's start, Flyway and subscribing on a loaded 2-core machine, as a start does.
     */
    private static final Duration PERSISTED_BOUND = Stack.STARTUP;

    private static final String BALANCES_DISAGREEING_WITH_TRANSACTIONS = """
            SELECT count(*) FROM wallets w
            WHERE w.balance_cents <> (SELECT coalesce(sum(t.delta_cents), 0)
                                      FROM transactions t WHERE t.wallet_id = w.wallet_id)""";

    @Test
    void the_seed_walk_through_is_answered_and_persisted_in_postgresql() {
        try (Stack stack = new Stack();
                ProgramProcess consumer = stack.startBatchConsumer();
                Stack.RestApi api = stack.startRestApi()) {
            ApiClient client = api.client();

            assertThat(client.open("andrei", 100).body()).isEqualTo("{\"userId\":\"andrei\",\"balance\":100}");
            assertThat(client.add("andrei", 10, "wonbet-1").status()).isEqualTo(201);
            ApiClient.Reply removed = client.remove("andrei", 50, "lostbet-2");
            assertThat(removed.status()).isEqualTo(200);
            assertThat(removed.balance()).isEqualTo(60);
            ApiClient.Reply replay = client.add("andrei", 10, "wonbet-1");
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.balance()).isEqualTo(110);
            assertThat(client.remove("andrei", 500, "lostbet-3").status()).isEqualTo(422);
            assertThat(client.balance("andrei")).contains(60L);

            Stack.await(() -> "PostgreSQL to hold andrei's four transactions: "
                    + stack.queryLong("SELECT count(*) FROM transactions") + " in all\n" + consumer.logTail(), PERSISTED_BOUND,
                    () -> stack.queryLong("SELECT count(*) FROM transactions WHERE wallet_id = ?", "andrei") == 4);
            assertThat(stack.queryLong("SELECT balance_cents FROM wallets WHERE wallet_id = ?", "andrei")).isEqualTo(60);
            // The refusal is the reference's outcome for good: recorded, moving nothing.
            assertThat(stack.queryLong("SELECT count(*) FROM transactions WHERE reference = 'lostbet-3'"
                    + " AND outcome = 'REJECTED' AND refusal_code = 'INSUFFICIENT_FUNDS' AND delta_cents = 0")).isEqualTo(1);
            assertThat(stack.queryLong(BALANCES_DISAGREEING_WITH_TRANSACTIONS)).isZero();
            assertThat(stack.queryLong("SELECT count(*) FROM consumer_positions")).isEqualTo(1);
            // Each change names its caller on the topic: the name the token file gives the token.
            assertThat(stack.messageProperties()).as("the properties of the messages on the topic")
                    .filteredOn(properties -> properties.containsKey(PulsarEventLog.CALLER_PROPERTY))
                    .hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(properties -> assertThat(properties.get(PulsarEventLog.CALLER_PROPERTY))
                            .isEqualTo(TestToken.NAME));
        }
    }

    @Test
    void a_rest_api_killed_with_sigkill_restarts_with_identical_balances_and_references() {
        try (Stack stack = new Stack(); ProgramProcess consumer = stack.startBatchConsumer()) {
            Map<String, Long> balances;
            List<Change> acknowledged;
            try (Stack.RestApi api = stack.startRestApi()) {
                acknowledged = randomTraffic(api.client(), 10, 200, new Random(7));
                balances = balancesOf(api.client(), 10);
                api.process().killHard();
            }
            try (Stack.RestApi restarted = stack.startRestApi()) {
                assertThat(balancesOf(restarted.client(), 10)).isEqualTo(balances);
                for (Change change : acknowledged.subList(0, 20)) {
                    ApiClient.Reply replay = change.send(restarted.client());
                    assertThat(replay.replayed()).as("replay of %s after the restart", change).isTrue();
                    assertThat(replay.balance()).isEqualTo(change.balanceAfter());
                }
                assertThat(balancesOf(restarted.client(), 10)).isEqualTo(balances);
            }
        }
    }

    @Test
    void a_batch_consumer_killed_mid_batch_persists_every_event_exactly_once_after_a_restart() {
        try (Stack stack = new Stack(); Stack.RestApi api = stack.startRestApi()) {
            ProgramProcess consumer = stack.startBatchConsumer();
            List<Change> acknowledged = new ArrayList<>(randomTraffic(api.client(), 20, 300, new Random(11)));
            Stack.await("the consumer to have persisted part of the log", PERSISTED_BOUND,
                    () -> stack.queryLong("SELECT count(*) FROM transactions") > 0);
            consumer.killHard();
            acknowledged.addAll(randomTraffic(api.client(), 20, 300, new Random(13)));
            long expected = 20 + acknowledged.size();

            try (ProgramProcess restarted = stack.startBatchConsumer()) {
                // Refusals (422) are recorded too; the acknowledged changes are the applied rows.
                Stack.await("every acknowledged change in PostgreSQL", PERSISTED_BOUND,
                        () -> stack.queryLong("SELECT count(*) FROM transactions WHERE outcome = 'APPLIED'") == expected);
                assertThat(stack.queryLong(BALANCES_DISAGREEING_WITH_TRANSACTIONS)).isZero();
                Map<String, Long> apiBalances = balancesOf(api.client(), 20);
                apiBalances.forEach((wallet, balance) -> assertThat(
                        stack.queryLong("SELECT balance_cents FROM wallets WHERE wallet_id = ?", wallet))
                        .as("PostgreSQL balance of %s", wallet).isEqualTo(balance));
                assertThat(restarted.stopGracefully()).isZero();
            }
        }
    }

    @Test
    void a_second_rest_api_on_the_same_topic_cannot_write() {
        try (Stack stack = new Stack(); ProgramProcess consumer = stack.startBatchConsumer();
                Stack.RestApi first = stack.startRestApi();
                Stack.RestApi second = stack.startRestApi(Map.of())) {
            first.client().open("fenced", 100);

            int exitStatus = second.process().awaitExit(Stack.STARTUP);

            assertThat(exitStatus).as(second.process().logTail()).isNotZero();
            assertThat(first.client().add("fenced", 1, "after-second").status()).isEqualTo(201);
            assertThat(first.client().balance("fenced")).contains(101L);
        }
    }

    @Test
    void a_rest_api_stopped_with_sigterm_exits_with_status_zero_and_loses_nothing() {
        try (Stack stack = new Stack(); ProgramProcess consumer = stack.startBatchConsumer()) {
            Map<String, Long> balances;
            try (Stack.RestApi api = stack.startRestApi()) {
                randomTraffic(api.client(), 5, 100, new Random(3));
                balances = balancesOf(api.client(), 5);
                assertThat(api.process().stopGracefully()).isZero();
            }
            try (Stack.RestApi restarted = stack.startRestApi()) {
                assertThat(balancesOf(restarted.client(), 5)).isEqualTo(balances);
            }
        }
    }

    /** One acknowledged change, which can be sent again as a replay. */
    private record Change(String wallet, boolean add, long amount, String reference, long balanceAfter) {
        ApiClient.Reply send(ApiClient client) {
            return add ? client.add(wallet, amount, reference) : client.remove(wallet, amount, reference);
        }
    }

    /** Opens the wallets if needed, then sends random changes; returns those acknowledged with 2xx. */
    private static List<Change> randomTraffic(ApiClient client, int wallets, int changes, Random random) {
        for (int w = 0; w < wallets; w++) {
            client.open("w" + w, 1_000);
        }
        List<Change> acknowledged = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            String wallet = "w" + random.nextInt(wallets);
            boolean add = random.nextInt(10) < 6;
            long amount = 1 + random.nextInt(500);
            String reference = "ref-" + random.nextLong();
            ApiClient.Reply reply = add ? client.add(wallet, amount, reference) : client.remove(wallet, amount, reference);
            assertThat(reply.status()).as("%s", reply.body()).isIn(200, 201, 422);
            if (reply.status() < 300) {
                acknowledged.add(new Change(wallet, add, amount, reference, reply.balance()));
            }
        }
        return acknowledged;
    }

    private static Map<String, Long> balancesOf(ApiClient client, int wallets) {
        Map<String, Long> balances = new HashMap<>();
        for (int w = 0; w < wallets; w++) {
            balances.put("w" + w, client.balance("w" + w).orElseThrow());
        }
        return balances;
    }
}
