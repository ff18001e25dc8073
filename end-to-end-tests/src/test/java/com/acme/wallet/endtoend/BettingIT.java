package com.acme.wallet.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bets, wins and rollbacks through the whole stack: decided by the REST API, logged in Pulsar,
 * persisted by the batch consumer, and after a restart answered again from PostgreSQL alone (a
 * restarted REST API has forgotten every stored change), each retry exactly as the first answer.
 */
@Timeout(600)
class BettingIT {

    private static final Duration PERSISTED_BOUND = Duration.ofMinutes(2);
    private static final Duration CHECK_EXIT = Duration.ofSeconds(120);

    @Test
    void every_outcome_is_persisted_once_and_replayed_from_postgresql_after_a_restart() {
        try (Stack stack = new Stack(); ProgramProcess consumer = stack.startBatchConsumer()) {
            Map<String, Supplier<ApiClient.Reply>> requests = new LinkedHashMap<>();
            Map<String, ApiClient.Reply> firstAnswers = new LinkedHashMap<>();
            try (Stack.RestApi api = stack.startRestApi()) {
                ApiClient client = api.client();
                assertThat(client.open("maria", 1_000).status()).isEqualTo(201);
                requests.put("bet", () -> client.bet("maria", "tx-1", "r-1", 500, false));
                requests.put("win closing the round", () -> client.win("maria", "tx-2", "r-1", 1_200, true));
                requests.put("bet into the closed round", () -> client.bet("maria", "tx-3", "r-1", 10, false));
                requests.put("rollback before its bet", () -> client.rollback("maria", "rb-1", "tx-9"));
                requests.put("bet above the balance", () -> client.bet("maria", "tx-4", "r-2", 5_000, false));
                requests.put("rollback of the refused bet", () -> client.rollback("maria", "rb-2", "tx-4"));
                requests.put("remove above the balance", () -> client.remove("maria", 9_999, "cash-1"));
                requests.forEach((name, request) -> firstAnswers.put(name, request.get()));

                assertThat(firstAnswers).extractingByKeys("bet", "win closing the round", "bet into the closed round",
                        "rollback before its bet", "bet above the balance", "rollback of the refused bet",
                        "remove above the balance").extracting(ApiClient.Reply::status)
                        .containsExactly(200, 201, 409, 200, 422, 200, 422);
                assertThat(client.bet("maria", "tx-9", "r-3", 100, false).json().get("code").asText())
                        .isEqualTo("transaction_rolled_back");
                assertThat(client.balance("maria")).contains(1_700L);
            }
            // One opening and seven recorded outcomes; the late tx-9 is not recorded.
            Stack.await(() -> "PostgreSQL to hold maria's eight rows: " + stack.queryLong(
                    "SELECT count(*) FROM transactions WHERE wallet_id = 'maria'") + "\n" + consumer.logTail(),
                    PERSISTED_BOUND, () -> stack.queryLong("SELECT count(*) FROM transactions WHERE wallet_id = 'maria'") == 8);
            assertThat(stack.queryLong("SELECT balance_cents FROM wallets WHERE wallet_id = 'maria'")).isEqualTo(1_700);
            assertThat(stack.queryLong("SELECT sum(delta_cents) FROM transactions WHERE wallet_id = 'maria'")).isEqualTo(1_700);
            assertThat(stack.queryLong("SELECT count(*) FROM transactions WHERE wallet_id = 'maria' AND outcome = 'REJECTED'"))
                    .isEqualTo(3);
            assertThat(stack.queryLong("SELECT count(*) FROM transactions WHERE wallet_id = 'maria' AND outcome = 'TOMBSTONE'"
                    + " AND original_reference = 'tx-9'")).isEqualTo(1);

            try (Stack.RestApi restarted = stack.startRestApi()) {
                ApiClient client = restarted.client();
                requests.clear();
                requests.put("bet", () -> client.bet("maria", "tx-1", "r-1", 500, false));
                requests.put("win closing the round", () -> client.win("maria", "tx-2", "r-1", 1_200, true));
                requests.put("bet into the closed round", () -> client.bet("maria", "tx-3", "r-1", 10, false));
                requests.put("rollback before its bet", () -> client.rollback("maria", "rb-1", "tx-9"));
                requests.put("bet above the balance", () -> client.bet("maria", "tx-4", "r-2", 5_000, false));
                requests.put("rollback of the refused bet", () -> client.rollback("maria", "rb-2", "tx-4"));
                requests.put("remove above the balance", () -> client.remove("maria", 9_999, "cash-1"));
                requests.forEach((name, request) -> {
                    ApiClient.Reply retry = request.get();
                    assertThat(retry.status()).as("retry of the %s", name).isEqualTo(firstAnswers.get(name).status());
                    assertThat(retry.body()).as("retry of the %s", name).isEqualTo(firstAnswers.get(name).body());
                    assertThat(retry.replayed()).as("retry of the %s", name).isTrue();
                });

                // Decided from what PostgreSQL holds: the tombstone, the closed round with its win, a round with no bet.
                assertThat(client.bet("maria", "tx-9", "r-3", 100, false).json().get("code").asText())
                        .isEqualTo("transaction_rolled_back");
                assertThat(client.rollback("maria", "rb-3", "tx-1").json().get("code").asText())
                        .isEqualTo("bet_already_settled");
                assertThat(client.win("maria", "tx-5", "r-2", 100, false).json().get("code").asText())
                        .isEqualTo("round_not_found");
                assertThat(client.bet("maria", "tx-6", "r-1", 10, false).json().get("code").asText())
                        .isEqualTo("round_closed");
                assertThat(client.transaction("maria", "tx-9").json().get("rolledBackBy").asText()).isEqualTo("rb-1");
                assertThat(client.balance("maria")).contains(1_700L);

                // The reads served from PostgreSQL, through the REST API's own wiring.
                ApiClient.Reply page = client.read("/wallet/maria/transactions?order=asc&limit=3&minSequence=8");
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                assertThat(page.json().get("items")).extracting(item -> item.get("sequence").asLong())
                        .containsExactly(1L, 2L, 3L);
                String next = page.json().get("nextCursor").asText();
                ApiClient.Reply second = client.read("/wallet/maria/transactions?order=asc&limit=3&cursor=" + next);
                assertThat(second.json().get("items")).extracting(item -> item.get("reference").asText())
                        .containsExactly("tx-3", "rb-1", "tx-4");
                assertThat(client.read("/wallet/maria/transactions?order=desc&limit=3&cursor=" + next).status())
                        .isEqualTo(400);
                assertThat(client.read("/wallet/maria?atSequence=2").json().get("balance").asLong()).isEqualTo(500);
                ApiClient.Reply round = client.read("/wallet/maria/rounds/r-1");
                assertThat(round.json().get("status").asText()).as(round.body()).isEqualTo("CLOSED");
                assertThat(round.json().get("staked").asLong()).isEqualTo(500);
                assertThat(round.json().get("won").asLong()).isEqualTo(1_200);

                ProgramProcess checker = stack.startChecker("--api-url", client.baseUrl(),
                        "--catch-up-timeout-seconds", "60");
                assertThat(checker.awaitExit(CHECK_EXIT)).as(checker.logTail()).isZero();
            }
        }
    }
}
