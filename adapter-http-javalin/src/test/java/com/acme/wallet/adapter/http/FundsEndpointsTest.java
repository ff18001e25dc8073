package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static com.acme.wallet.adapter.http.ErrorAnswers.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /add-funds/{userId}} and {@code POST /remove-funds/{userId}}. */
class FundsEndpointsTest {

    private RunningApi api;
    private ApiClient client;

    @BeforeEach
    void startServerWithAWalletOf100() {
        api = RunningApi.overInMemoryLog();
        client = api.client();
        client.openWallet("andrei", 100);
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void adding_funds_answers_201_created_with_the_new_balance() {
        ApiClient.ApiResponse added = client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"wonbet-1\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.header("Content-Type")).hasValue("application/json");
        JsonNode body = added.json();
        assertThat(body.get("success").booleanValue()).isTrue();
        assertThat(body.get("msg").asText()).isEqualTo("Created");
        assertThat(body.get("userId").asText()).isEqualTo("andrei");
        assertThat(body.get("reference").asText()).isEqualTo("wonbet-1");
        assertThat(body.get("amount").longValue()).isEqualTo(10);
        assertThat(body.get("balance").longValue()).isEqualTo(110);
        assertThat(added.header("Idempotent-Replayed")).isEmpty();
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
    }

    @Test
    void removing_funds_answers_200_removed_with_the_new_balance() {
        ApiClient.ApiResponse removed = client.post("/remove-funds/andrei",
                "{\"amount\":50,\"reference\":\"lostbet-2\"}");

        assertThat(removed.status()).isEqualTo(200);
        JsonNode body = removed.json();
        assertThat(body.get("success").booleanValue()).isTrue();
        assertThat(body.get("msg").asText()).isEqualTo("Removed");
        assertThat(body.get("userId").asText()).isEqualTo("andrei");
        assertThat(body.get("reference").asText()).isEqualTo("lostbet-2");
        assertThat(body.get("amount").longValue()).isEqualTo(50);
        assertThat(body.get("balance").longValue()).isEqualTo(50);
        assertThat(removed.header("Idempotent-Replayed")).isEmpty();
        assertThat(client.balanceOf("andrei")).isEqualTo(50);
    }

    @Test
    void removing_the_whole_balance_leaves_zero() {
        ApiClient.ApiResponse removed = client.post("/remove-funds/andrei",
                "{\"amount\":100,\"reference\":\"bet-all\"}");

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("balance").longValue()).isZero();
        assertThat(client.balanceOf("andrei")).isZero();
    }

    @Test
    void removing_more_than_the_balance_answers_422_insufficient_funds_and_leaves_the_balance_unchanged() {
        ApiClient.ApiResponse refused = client.post("/remove-funds/andrei", "{\"amount\":101,\"reference\":\"bet-1\"}");

        assertRefusal(refused, 422, "insufficient_funds", 100);
        assertThat(refused.header("Idempotent-Replayed")).isEmpty();
        assertThat(client.balanceOf("andrei")).isEqualTo(100);
    }

    @Test
    void a_reference_refused_for_insufficient_funds_is_refused_again_even_once_funds_allow() {
        ApiClient.ApiResponse refused = client.post("/remove-funds/andrei", "{\"amount\":150,\"reference\":\"bet-1\"}");
        client.post("/add-funds/andrei", "{\"amount\":50,\"reference\":\"deposit-1\"}");

        ApiClient.ApiResponse retried = client.post("/remove-funds/andrei", "{\"amount\":150,\"reference\":\"bet-1\"}");

        assertRefusal(retried, 422, "insufficient_funds", 100);
        assertThat(retried.body()).isEqualTo(refused.body());
        assertThat(retried.header("Idempotent-Replayed")).hasValue("true");
        assertThat(client.balanceOf("andrei")).isEqualTo(150);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/add-funds/nobody", "/remove-funds/nobody"})
    void changing_an_unknown_wallet_answers_404_wallet_not_found_and_opens_no_wallet(String path) {
        ApiClient.ApiResponse refused = client.post(path, "{\"amount\":10,\"reference\":\"wonbet-1\"}");

        assertError(refused, 404, "wallet_not_found");
        assertError(client.get("/wallet/nobody"), 404, "wallet_not_found");
    }

    @Test
    void reusing_a_reference_for_another_amount_answers_409_reference_conflict() {
        client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"wonbet-1\"}");

        ApiClient.ApiResponse conflict = client.post("/add-funds/andrei", "{\"amount\":11,\"reference\":\"wonbet-1\"}");

        assertError(conflict, 409, "reference_conflict");
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
    }

    @Test
    void reusing_a_reference_for_the_other_operation_answers_409_reference_conflict() {
        client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"wonbet-1\"}");

        ApiClient.ApiResponse conflict = client.post("/remove-funds/andrei",
                "{\"amount\":10,\"reference\":\"wonbet-1\"}");

        assertError(conflict, 409, "reference_conflict");
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
    }

    @Test
    void a_reference_belongs_to_one_wallet_so_another_wallet_may_use_it() {
        client.openWallet("maria", 0);
        client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"wonbet-1\"}");

        ApiClient.ApiResponse added = client.post("/add-funds/maria", "{\"amount\":10,\"reference\":\"wonbet-1\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.header("Idempotent-Replayed")).isEmpty();
        assertThat(client.balanceOf("maria")).isEqualTo(10);
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
    }

    @Test
    void a_reference_of_128_characters_is_accepted() {
        String reference = "r".repeat(128);

        ApiClient.ApiResponse added = client.post("/add-funds/andrei",
                "{\"amount\":10,\"reference\":\"" + reference + "\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("reference").asText()).isEqualTo(reference);
    }

    @Test
    void the_largest_amount_one_request_may_carry_is_accepted() {
        ApiClient.ApiResponse added = client.post("/add-funds/andrei",
                "{\"amount\":1000000000000,\"reference\":\"jackpot\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(client.balanceOf("andrei")).isEqualTo(1_000_000_000_100L);
    }

    @Test
    void a_sequence_of_changes_leaves_their_sum() {
        client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"wonbet-1\"}");
        client.post("/remove-funds/andrei", "{\"amount\":50,\"reference\":\"lostbet-2\"}");
        client.post("/add-funds/andrei", "{\"amount\":1,\"reference\":\"wonbet-3\"}");
        ApiClient.ApiResponse last = client.post("/remove-funds/andrei", "{\"amount\":61,\"reference\":\"lostbet-4\"}");

        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json().get("balance").longValue()).isZero();
        assertThat(client.balanceOf("andrei")).isZero();
    }
}
