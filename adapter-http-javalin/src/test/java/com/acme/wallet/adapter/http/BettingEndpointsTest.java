package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static com.acme.wallet.adapter.http.ErrorAnswers.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /bet/{userId}}, {@code POST /win/{userId}} and {@code POST /rollback/{userId}}: every status. */
class BettingEndpointsTest {

    private RunningApi api;
    private ApiClient client;

    @BeforeEach
    void startServerWithAWalletOf1000() {
        api = RunningApi.overInMemoryLog();
        client = api.client();
        client.openWallet("andrei", 1_000);
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    private ApiClient.ApiResponse bet(String reference, String round, long amount) {
        return client.post("/bet/andrei", "{\"amount\":" + amount + ",\"reference\":\"" + reference
                + "\",\"roundId\":\"" + round + "\"}");
    }

    private ApiClient.ApiResponse win(String reference, String round, long amount, boolean closesRound) {
        return client.post("/win/andrei", "{\"amount\":" + amount + ",\"reference\":\"" + reference
                + "\",\"roundId\":\"" + round + "\",\"closesRound\":" + closesRound + "}");
    }

    private ApiClient.ApiResponse rollback(String reference, String original) {
        return client.post("/rollback/andrei", "{\"reference\":\"" + reference + "\",\"originalReference\":\""
                + original + "\"}");
    }

    @Nested
    class Bets {

        @Test
        void a_bet_answers_200_with_the_round_the_balance_and_the_sequence_and_replays_on_retry() {
            ApiClient.ApiResponse placed = client.post("/bet/andrei", "{\"amount\":500,\"reference\":\"tx-123\","
                    + "\"roundId\":\"r-9\",\"closesRound\":false,\"metadata\":{\"game\":\"x\"}}");

            assertThat(placed.status()).isEqualTo(200);
            JsonNode body = placed.json();
            assertThat(body.get("success").booleanValue()).isTrue();
            assertThat(body.get("msg").asText()).isEqualTo("Bet placed");
            assertThat(body.get("userId").asText()).isEqualTo("andrei");
            assertThat(body.get("reference").asText()).isEqualTo("tx-123");
            assertThat(body.get("roundId").asText()).isEqualTo("r-9");
            assertThat(body.get("amount").longValue()).isEqualTo(500);
            assertThat(body.get("balance").longValue()).isEqualTo(500);
            assertThat(body.get("sequence").longValue()).isEqualTo(2);
            assertThat(placed.header("Idempotent-Replayed")).isEmpty();

            ApiClient.ApiResponse retried = bet("tx-123", "r-9", 500);

            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.body()).isEqualTo(placed.body());
            assertThat(retried.header("Idempotent-Replayed")).hasValue("true");
            assertThat(client.balanceOf("andrei")).isEqualTo(500);
        }

        @Test
        void a_bet_above_the_balance_answers_422_with_the_balance_and_so_does_its_retry_after_a_deposit() {
            ApiClient.ApiResponse refused = bet("tx-1", "r-1", 1_001);

            assertRefusal(refused, 422, "insufficient_funds", 1_000);
            assertThat(refused.header("Idempotent-Replayed")).isEmpty();

            client.post("/add-funds/andrei", "{\"amount\":5000,\"reference\":\"deposit-1\"}");
            ApiClient.ApiResponse retried = bet("tx-1", "r-1", 1_001);

            assertRefusal(retried, 422, "insufficient_funds", 1_000);
            assertThat(retried.body()).isEqualTo(refused.body());
            assertThat(retried.header("Idempotent-Replayed")).hasValue("true");
            assertThat(client.balanceOf("andrei")).isEqualTo(6_000);
        }

        @Test
        void a_reference_reused_for_another_bet_answers_409_reference_conflict() {
            bet("tx-1", "r-1", 100);

            assertError(bet("tx-1", "r-1", 200), 409, "reference_conflict");
            assertError(client.post("/add-funds/andrei", "{\"amount\":100,\"reference\":\"tx-1\"}"), 409,
                    "reference_conflict");
            assertThat(client.balanceOf("andrei")).isEqualTo(900);
        }

        @Test
        void a_bet_of_an_unknown_wallet_answers_404() {
            assertError(client.post("/bet/nobody", "{\"amount\":1,\"reference\":\"tx-1\",\"roundId\":\"r-1\"}"), 404,
                    "wallet_not_found");
        }
    }

    @Nested
    class Wins {

        @Test
        void a_win_answers_201_win_paid() {
            bet("tx-1", "r-9", 500);

            ApiClient.ApiResponse paid = win("tx-2", "r-9", 1_200, false);

            assertThat(paid.status()).isEqualTo(201);
            assertThat(paid.json().get("msg").asText()).isEqualTo("Win paid");
            assertThat(paid.json().get("balance").longValue()).isEqualTo(1_700);
            assertThat(paid.json().get("sequence").longValue()).isEqualTo(3);
        }

        @Test
        void a_win_of_zero_closes_a_lost_round_which_then_answers_409_round_closed() {
            bet("tx-1", "r-9", 500);

            assertThat(win("tx-2", "r-9", 0, true).status()).isEqualTo(201);

            assertRefusal(bet("tx-3", "r-9", 10), 409, "round_closed", 500);
            assertRefusal(win("tx-4", "r-9", 10, false), 409, "round_closed", 500);
        }

        @Test
        void a_win_into_a_round_without_a_bet_answers_404_round_not_found_for_good() {
            assertRefusal(win("tx-2", "r-9", 100, false), 404, "round_not_found", 1_000);
            bet("tx-1", "r-9", 100);

            ApiClient.ApiResponse retried = win("tx-2", "r-9", 100, false);

            assertRefusal(retried, 404, "round_not_found", 1_000);
            assertThat(retried.header("Idempotent-Replayed")).hasValue("true");
        }
    }

    @Nested
    class Rollbacks {

        @Test
        void a_rollback_of_a_bet_answers_200_rolled_back_with_its_stake() {
            bet("tx-123", "r-9", 500);

            ApiClient.ApiResponse rolledBack = rollback("rb-77", "tx-123");

            assertThat(rolledBack.status()).isEqualTo(200);
            JsonNode body = rolledBack.json();
            assertThat(body.get("msg").asText()).isEqualTo("Rolled back");
            assertThat(body.get("reference").asText()).isEqualTo("rb-77");
            assertThat(body.get("originalReference").asText()).isEqualTo("tx-123");
            assertThat(body.get("amount").longValue()).isEqualTo(500);
            assertThat(body.get("balance").longValue()).isEqualTo(1_000);
            assertThat(body.get("sequence").longValue()).isEqualTo(3);
        }

        @Test
        void a_rollback_before_its_bet_is_recorded_and_the_late_bet_answers_409_transaction_rolled_back() {
            ApiClient.ApiResponse tombstone = rollback("rb-77", "tx-123");

            assertThat(tombstone.status()).isEqualTo(200);
            assertThat(tombstone.json().get("msg").asText()).isEqualTo("Nothing to roll back; recorded");
            assertThat(tombstone.json().get("tombstone").booleanValue()).isTrue();
            assertThat(tombstone.json().get("originalOutcome").asText()).isEqualTo("unknown");
            assertThat(tombstone.json().get("amount").longValue()).isZero();

            assertError(bet("tx-123", "r-9", 500), 409, "transaction_rolled_back");
            assertThat(client.balanceOf("andrei")).isEqualTo(1_000);
        }

        @Test
        void a_rollback_of_a_refused_bet_is_recorded_as_rejected() {
            bet("tx-1", "r-1", 5_000);

            ApiClient.ApiResponse rolledBack = rollback("rb-1", "tx-1");

            assertThat(rolledBack.status()).isEqualTo(200);
            assertThat(rolledBack.json().get("originalOutcome").asText()).isEqualTo("rejected");
        }

        @Test
        void a_second_rollback_of_one_original_answers_409_already_rolled_back_and_the_first_replays() {
            bet("tx-1", "r-1", 100);
            rollback("rb-1", "tx-1");

            assertRefusal(rollback("rb-2", "tx-1"), 409, "already_rolled_back", 1_000);
            assertThat(rollback("rb-1", "tx-1").header("Idempotent-Replayed")).hasValue("true");
        }

        @Test
        void a_rollback_of_a_bet_whose_round_has_a_win_answers_409_bet_already_settled() {
            bet("tx-1", "r-1", 100);
            win("tx-2", "r-1", 0, false);

            assertRefusal(rollback("rb-1", "tx-1"), 409, "bet_already_settled", 900);
        }

        @Test
        void a_rollback_of_a_win_already_spent_answers_422_insufficient_funds() {
            bet("tx-1", "r-1", 1_000);
            win("tx-2", "r-1", 300, false);
            bet("tx-3", "r-2", 200);

            assertRefusal(rollback("rb-1", "tx-2"), 422, "insufficient_funds", 100);
            assertThat(client.balanceOf("andrei")).isEqualTo(100);
        }

        @Test
        void a_rollback_of_a_funds_change_answers_409_not_rollbackable() {
            client.post("/add-funds/andrei", "{\"amount\":100,\"reference\":\"deposit-1\"}");

            assertRefusal(rollback("rb-1", "deposit-1"), 409, "not_rollbackable", 1_100);
        }
    }

    @Nested
    class Lookups {

        @Test
        void a_bet_is_found_applied_with_its_round_and_metadata() {
            client.post("/bet/andrei", "{\"amount\":500,\"reference\":\"tx-1\",\"roundId\":\"r-9\","
                    + "\"metadata\":{\"game\":\"x\"}}");

            JsonNode found = client.get("/wallet/andrei/transactions/tx-1").json();

            assertThat(found.get("type").asText()).isEqualTo("BET");
            assertThat(found.get("outcome").asText()).isEqualTo("applied");
            assertThat(found.get("amount").longValue()).isEqualTo(500);
            assertThat(found.get("balanceAfter").longValue()).isEqualTo(500);
            assertThat(found.get("roundId").asText()).isEqualTo("r-9");
            assertThat(found.get("metadata").get("game").asText()).isEqualTo("x");
        }

        @Test
        void a_refused_bet_is_found_rejected_with_its_code_and_the_amount_it_asked() {
            bet("tx-1", "r-1", 5_000);

            JsonNode found = client.get("/wallet/andrei/transactions/tx-1").json();

            assertThat(found.get("outcome").asText()).isEqualTo("rejected");
            assertThat(found.get("code").asText()).isEqualTo("insufficient_funds");
            assertThat(found.get("amount").longValue()).isEqualTo(5_000);
            assertThat(found.get("balanceAfter").longValue()).isEqualTo(1_000);
        }

        @Test
        void a_rollback_before_its_original_is_found_as_a_tombstone_under_both_references() {
            rollback("rb-1", "tx-1");

            JsonNode rollback = client.get("/wallet/andrei/transactions/rb-1").json();
            JsonNode original = client.get("/wallet/andrei/transactions/tx-1").json();

            assertThat(rollback.get("type").asText()).isEqualTo("ROLLBACK");
            assertThat(rollback.get("outcome").asText()).isEqualTo("tombstone");
            assertThat(rollback.get("originalReference").asText()).isEqualTo("tx-1");
            assertThat(rollback.get("originalOutcome").asText()).isEqualTo("unknown");
            assertThat(original.get("outcome").asText()).isEqualTo("tombstone");
            assertThat(original.get("rolledBackBy").asText()).isEqualTo("rb-1");
            assertThat(original.get("sequence").longValue()).isEqualTo(rollback.get("sequence").longValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"amount\":0,\"reference\":\"tx-1\",\"roundId\":\"r-1\"}",
            "{\"amount\":10,\"reference\":\"tx-1\"}",
            "{\"amount\":10,\"reference\":\"tx-1\",\"roundId\":\"\"}",
            "{\"amount\":10,\"reference\":\"tx-1\",\"roundId\":7}",
            "{\"amount\":10,\"reference\":\"tx-1\",\"roundId\":\"r-1\",\"closesRound\":\"true\"}",
            "{\"amount\":10,\"reference\":\"tx-1\",\"roundId\":\"r-1\",\"metadata\":{\"game\":7}}",
            "{\"amount\":10,\"reference\":\"tx-1\",\"roundId\":\"r-1\",\"metadata\":[\"x\"]}",
            "{\"amount\":10,\"reference\":\"tx-1\",\"roundId\":\"r-1\",\"metadata\":{\"a\":{\"b\":\"c\"}}}",
            "{\"amount\":10.5,\"reference\":\"tx-1\",\"roundId\":\"r-1\"}"})
    void a_malformed_bet_answers_400_and_changes_nothing(String body) {
        assertError(client.sendingInvalidRequestsOnPurpose().post("/bet/andrei", body), 400, "invalid_request");
        assertThat(client.balanceOf("andrei")).isEqualTo(1_000);
    }

    @Test
    void metadata_over_its_limits_answers_400() {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        ApiClient invalid = client.sendingInvalidRequestsOnPurpose();
        assertError(invalid.post("/bet/andrei", "{\"amount\":10,\"reference\":\"tx-1\",\"roundId\":\"r-1\","
                + "\"metadata\":{" + keys + "}}"), 400, "invalid_request");
        assertError(invalid.post("/bet/andrei", "{\"amount\":10,\"reference\":\"tx-1\",\"roundId\":\"r-1\","
                + "\"metadata\":{\"k\":\"" + "v".repeat(257) + "\"}}"), 400, "invalid_request");
    }

    @Test
    void a_negative_win_and_a_rollback_naming_itself_answer_400() {
        ApiClient invalid = client.sendingInvalidRequestsOnPurpose();
        assertError(invalid.post("/win/andrei", "{\"amount\":-1,\"reference\":\"tx-1\",\"roundId\":\"r-1\"}"), 400,
                "invalid_request");
        assertError(rollback("rb-1", "rb-1"), 400, "invalid_request");
        assertError(invalid.post("/rollback/andrei", "{\"reference\":\"rb-1\"}"), 400, "invalid_request");
    }
}
