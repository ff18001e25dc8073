package com.acme.wallet.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The money-conservation checker ({@code app-batch-consumer.jar check}) as a process on a running
 * stack: it passes on an intact ledger and names the wallet when PostgreSQL is corrupted behind the
 * service's back.
 */
@Timeout(300)
class MoneyConservationCheckIT {

    private static final Duration CHECK_EXIT = Duration.ofSeconds(120);

    @Test
    void the_checker_passes_on_an_intact_ledger_and_names_each_wallet_corrupted_behind_its_back() throws Exception {
        try (Stack stack = new Stack();
                Stack.RestApi api = stack.startRestApi();
                ProgramProcess consumer = stack.startBatchConsumer()) {
            ApiClient client = api.client();
            assertThat(client.open("andrei", 100).status()).isEqualTo(201);
            assertThat(client.add("andrei", 10, "wonbet-1").status()).isEqualTo(201);
            assertThat(client.remove("andrei", 50, "lostbet-2").status()).isEqualTo(200);
            assertThat(client.open("bob", 0).status()).isEqualTo(201);
            assertThat(client.add("bob", 7, "bonus-1").status()).isEqualTo(201);
            assertThat(client.open("carol", 20).status()).isEqualTo(201);
            assertThat(client.remove("carol", 5, "bet-1").status()).isEqualTo(200);
            assertThat(client.add("carol", 9, "win-1").status()).isEqualTo(201);
            String apiUrl = client.baseUrl();

            // No waiting here: the checker itself waits for the consumer to catch up.
            ProgramProcess passing = stack.startChecker("--api-url", apiUrl, "--catch-up-timeout-seconds", "60");
            assertThat(passing.awaitExit(CHECK_EXIT)).as(passing.logTail()).isZero();
            assertThat(passing.output()).contains("CHECK PASSED: violations=0 topic_events=8 transactions=8 "
                    + "caught_up=1 wallets=3 api_wallets_compared=3");

            execute(stack, "UPDATE wallets SET balance_cents = balance_cents + 1 WHERE wallet_id = 'bob'");
            ProgramProcess afterBalanceChange = stack.startChecker("--api-url", apiUrl);
            assertThat(afterBalanceChange.awaitExit(CHECK_EXIT)).as(afterBalanceChange.logTail()).isEqualTo(1);
            assertThat(afterBalanceChange.output())
                    .contains("VIOLATION balance-not-sum wallet=bob balance_cents=8 transactions_sum_cents=7")
                    .contains("VIOLATION api-balance wallet=bob api_balance_cents=7 postgres_balance_cents=8")
                    .contains("CHECK FAILED: violations=2 balance-not-sum=1 api-balance=1");

            execute(stack, "UPDATE wallets SET balance_cents = balance_cents - 1 WHERE wallet_id = 'bob'");
            execute(stack, "DELETE FROM transactions WHERE wallet_id = 'carol' AND sequence = 2");
            // A gap alone is a change that never reached the log, so it is no violation; the lost row is
            // found by the topic comparison and the sums, and a last sequence beyond the last row is one.
            execute(stack, "UPDATE wallets SET last_sequence = 4 WHERE wallet_id = 'carol'");
            ProgramProcess afterLostTransaction = stack.startChecker("--catch-up-timeout-seconds", "1");
            assertThat(afterLostTransaction.awaitExit(CHECK_EXIT)).as(afterLostTransaction.logTail()).isEqualTo(1);
            assertThat(afterLostTransaction.output())
                    .containsPattern("VIOLATION event-missing wallet=carol sequence=2 event_id=[0-9a-f-]{36}\n")
                    .contains("VIOLATION balance-not-sum wallet=carol balance_cents=24 transactions_sum_cents=29")
                    .contains("VIOLATION sequence wallet=carol last_sequence=4 max_sequence=3 transactions=2")
                    .contains("VIOLATION running-sum wallet=carol sequence=3 reference=\"win-1\" "
                            + "balance_after_cents=24 running_sum_cents=29")
                    .doesNotContain("wallet=bob")
                    .contains("caught_up=0");
        }
    }

    @Test
    void the_checker_concludes_nothing_and_exits_4_when_the_rest_api_cannot_be_reached() {
        try (Stack stack = new Stack(); ProgramProcess consumer = stack.startBatchConsumer()) {
            // The last migration's column, not the first one's table: the wallets table exists from V1 on,
            // while a loaded machine may still be running V2 (each migration commits on its own).
            Stack.await("the batch consumer to migrate the schema", Stack.STARTUP,
                    () -> stack.queryLong("SELECT count(*) FROM information_schema.columns"
                            + " WHERE table_name = 'transactions' AND column_name = 'delta_cents'") == 1);
            execute(stack, "INSERT INTO wallets VALUES ('dave', 0, 1, now(), now())");
            execute(stack, "INSERT INTO transactions (wallet_id, sequence, event_id, kind, outcome, reference, amount_cents,"
                    + " delta_cents, balance_after_cents, occurred_at, persisted_at)"
                    + " VALUES ('dave', 1, gen_random_uuid(), 'OPEN', 'APPLIED', NULL, 0, 0, 0, now(), now())");
            ProgramProcess checker = stack.startChecker("--api-url", "http://127.0.0.1:" + Stack.freePort(),
                    "--catch-up-timeout-seconds", "0", "--http-timeout-ms", "1000");

            assertThat(checker.awaitExit(CHECK_EXIT)).as(checker.logTail()).isEqualTo(4);
            assertThat(checker.output()).contains("CHECK INCOMPLETE");
        }
    }

    private static void execute(Stack stack, String sql) {
        try (Connection connection = stack.database(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException failure) {
            throw new IllegalStateException("could not run " + sql, failure);
        }
    }
}
