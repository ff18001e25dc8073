package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.domain.FundsChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request repeated with the same wallet, reference, operation and amount is answered as the first
 * time, marked as a replay, and changes nothing.
 */
class IdempotentReplayTest {

    private static final String WON_BET = "{\"amount\":10,\"reference\":\"wonbet-1\"}";
    private static final String LOST_BET = "{\"amount\":50,\"reference\":\"lostbet-2\"}";

    private ControllableEventLog log;
    private RunningApi api;
    private ApiClient client;

    @BeforeEach
    void startServerWithAWalletOf100() {
        log = new ControllableEventLog();
        api = RunningApi.over(log, HttpSettings.defaults("127.0.0.1", 0));
        client = api.client();
        client.openWallet("andrei", 100);
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void a_repeated_addition_answers_the_original_201_and_body_marked_as_replayed() {
        ApiClient.ApiResponse first = client.post("/add-funds/andrei", WON_BET);

        ApiClient.ApiResponse repeat = client.post("/add-funds/andrei", WON_BET);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("Idempotent-Replayed")).hasValue("true");
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
    }

    @Test
    void a_repeated_removal_answers_the_original_200_and_body_marked_as_replayed() {
        ApiClient.ApiResponse first = client.post("/remove-funds/andrei", LOST_BET);

        ApiClient.ApiResponse repeat = client.post("/remove-funds/andrei", LOST_BET);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("Idempotent-Replayed")).hasValue("true");
        assertThat(client.balanceOf("andrei")).isEqualTo(50);
    }

    @Test
    void a_repeated_removal_is_replayed_even_when_the_balance_no_longer_covers_it() {
        ApiClient.ApiResponse first = client.post("/remove-funds/andrei", "{\"amount\":100,\"reference\":\"bet-all\"}");

        ApiClient.ApiResponse repeat = client.post("/remove-funds/andrei",
                "{\"amount\":100,\"reference\":\"bet-all\"}");

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("Idempotent-Replayed")).hasValue("true");
        assertThat(client.balanceOf("andrei")).isZero();
    }

    @Test
    void a_replay_reports_the_balance_the_original_change_left_not_the_current_one() {
        ApiClient.ApiResponse first = client.post("/add-funds/andrei", WON_BET);
        client.post("/remove-funds/andrei", LOST_BET);

        ApiClient.ApiResponse repeat = client.post("/add-funds/andrei", WON_BET);

        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.json().get("balance").longValue()).isEqualTo(110);
        assertThat(client.balanceOf("andrei")).isEqualTo(60);
    }

    @Test
    void two_hundred_sequential_replays_of_one_reference_credit_the_wallet_once() {
        ApiClient.ApiResponse first = client.post("/add-funds/andrei", WON_BET);

        for (int attempt = 0; attempt < 200; attempt++) {
            ApiClient.ApiResponse repeat = client.post("/add-funds/andrei", WON_BET);
            assertThat(repeat.status()).as("status of replay %s", attempt).isEqualTo(201);
            assertThat(repeat.body()).as("body of replay %s", attempt).isEqualTo(first.body());
            assertThat(repeat.header("Idempotent-Replayed")).as("header of replay %s", attempt).hasValue("true");
        }

        assertThat(client.balanceOf("andrei")).isEqualTo(110);
        assertThat(log.storedEvents()).filteredOn(FundsChanged.class::isInstance).hasSize(1);
    }

    @Test
    void a_replay_is_recognised_by_value_not_by_the_text_of_the_body() {
        ApiClient.ApiResponse first = client.post("/add-funds/andrei", WON_BET);

        ApiClient.ApiResponse repeat = client.post("/add-funds/andrei",
                "{ \"reference\" : \"wonbet-1\",\n  \"amount\" : 10 }");

        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void a_repeated_reference_with_another_amount_is_no_replay_but_a_409_conflict() {
        client.post("/add-funds/andrei", WON_BET);

        ApiClient.ApiResponse conflict = client.post("/add-funds/andrei",
                "{\"amount\":100,\"reference\":\"wonbet-1\"}");

        assertError(conflict, 409, "reference_conflict");
        assertThat(conflict.header("Idempotent-Replayed")).isEmpty();
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
    }
}
