package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /wallet/{userId}} opens a wallet, {@code GET /wallet/{userId}} reads it. */
class WalletEndpointsTest {

    private RunningApi api;
    private ApiClient client;

    @BeforeEach
    void startServer() {
        api = RunningApi.overInMemoryLog();
        client = api.client();
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void opening_a_wallet_answers_201_with_exactly_its_user_id_and_balance() {
        ApiClient.ApiResponse opened = client.post("/wallet/andrei", "{\"amount\": 100}");

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.header("Content-Type")).hasValue("application/json");
        assertThat(opened.body()).isEqualTo("{\"userId\":\"andrei\",\"balance\":100}");
        assertThat(opened.header("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void reading_a_wallet_answers_200_with_exactly_its_user_id_and_balance() {
        client.openWallet("andrei", 100);

        ApiClient.ApiResponse wallet = client.get("/wallet/andrei");

        assertThat(wallet.status()).isEqualTo(200);
        assertThat(wallet.header("Content-Type")).hasValue("application/json");
        assertThat(wallet.body()).isEqualTo("{\"userId\":\"andrei\",\"balance\":100}");
    }

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"{}", "", " \r\n\t "})
    void a_wallet_opened_without_an_amount_starts_at_zero(String body) {
        // Blank is not JSON, so the document cannot take it as a body; the API reads it as none.
        ApiClient sender = body.isBlank() && !body.isEmpty() ? client.sendingInvalidRequestsOnPurpose() : client;
        ApiClient.ApiResponse opened = sender.post("/wallet/andrei", body);

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.body()).isEqualTo("{\"userId\":\"andrei\",\"balance\":0}");
        assertThat(client.get("/wallet/andrei").body()).isEqualTo("{\"userId\":\"andrei\",\"balance\":0}");
    }

    @Test
    void a_wallet_opened_with_no_body_at_all_starts_at_zero() {
        ApiClient.ApiResponse opened = client.postWithoutBody("/wallet/andrei");

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.body()).isEqualTo("{\"userId\":\"andrei\",\"balance\":0}");
    }

    @Test
    void a_wallet_may_open_with_the_largest_amount_one_request_may_carry() {
        ApiClient.ApiResponse opened = client.post("/wallet/andrei", "{\"amount\":1000000000000}");

        assertThat(opened.status()).isEqualTo(201);
        assertThat(client.balanceOf("andrei")).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void opening_an_existing_wallet_answers_409_wallet_exists_and_keeps_its_balance() {
        client.openWallet("andrei", 100);

        ApiClient.ApiResponse again = client.post("/wallet/andrei", "{\"amount\": 5}");

        assertError(again, 409, "wallet_exists");
        assertThat(client.balanceOf("andrei")).isEqualTo(100);
    }

    @Test
    void reading_an_unknown_wallet_answers_404_wallet_not_found() {
        ApiClient.ApiResponse wallet = client.get("/wallet/nobody");

        assertError(wallet, 404, "wallet_not_found");
    }

    @Test
    void a_user_id_of_64_allowed_characters_names_a_wallet() {
        String userId = "aZ09._:@-".repeat(7) + "x";
        assertThat(userId).hasSize(64);

        ApiClient.ApiResponse opened = client.post("/wallet/" + userId, "{\"amount\":7}");

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.json().get("userId").asText()).isEqualTo(userId);
        assertThat(client.balanceOf(userId)).isEqualTo(7);
    }

    @Test
    void wallets_are_kept_apart_by_user_id() {
        client.openWallet("andrei", 100);
        client.openWallet("maria", 5);

        assertThat(client.balanceOf("andrei")).isEqualTo(100);
        assertThat(client.balanceOf("maria")).isEqualTo(5);
        assertError(client.get("/wallet/Andrei"), 404, "wallet_not_found");
    }
}
