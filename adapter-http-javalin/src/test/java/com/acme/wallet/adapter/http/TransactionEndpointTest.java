package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static com.acme.wallet.adapter.http.ErrorAnswers.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /wallet/{userId}/transactions/{reference}} tells a client whose change answered 503 or
 * timed out whether the change is durable, instead of leaving it to guess.
 */
class TransactionEndpointTest {

    private static final String WON_BET = "{\"amount\":10,\"reference\":\"wonbet-1\"}";

    private ControllableEventLog log;
    private RunningApi api;
    private ApiClient client;

    @BeforeEach
    void startServerWithAWalletOf100AndA300MsWriteTimeout() {
        log = new ControllableEventLog();
        api = RunningApi.over(log, RunningApi.SHORT_WRITE_TIMEOUT);
        client = api.client();
        client.openWallet("andrei", 100);
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void a_durable_credit_is_found_with_its_type_amount_sequence_balance_after_and_time() {
        Instant before = Instant.now();
        assertThat(client.post("/add-funds/andrei", WON_BET).status()).isEqualTo(201);

        ApiClient.ApiResponse found = client.get("/wallet/andrei/transactions/wonbet-1");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.header("Content-Type")).hasValue("application/json");
        assertThat(found.body()).matches("\\{\"userId\":\"andrei\",\"reference\":\"wonbet-1\",\"type\":\"ADD\","
                + "\"outcome\":\"applied\",\"amount\":10,\"sequence\":2,\"balanceAfter\":110,\"occurredAt\":\"[0-9T:.-]+Z\"}");
        Instant occurredAt = Instant.parse(found.json().get("occurredAt").asText());
        assertThat(occurredAt).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }

    @Test
    void a_durable_debit_is_found_as_a_removal_with_the_balance_it_left() {
        client.post("/add-funds/andrei", WON_BET);
        assertThat(client.post("/remove-funds/andrei", "{\"amount\":50,\"reference\":\"lostbet-2\"}").status())
                .isEqualTo(200);

        JsonNode found = client.get("/wallet/andrei/transactions/lostbet-2").json();

        assertThat(found.get("userId").asText()).isEqualTo("andrei");
        assertThat(found.get("reference").asText()).isEqualTo("lostbet-2");
        assertThat(found.get("type").asText()).isEqualTo("REMOVE");
        assertThat(found.get("amount").longValue()).isEqualTo(50);
        assertThat(found.get("sequence").longValue()).isEqualTo(3);
        assertThat(found.get("balanceAfter").longValue()).isEqualTo(60);
        assertThat(found.get("outcome").asText()).isEqualTo("applied");
        assertThat(found.size()).isEqualTo(8);
    }

    @Test
    void a_reference_with_spaces_and_unicode_is_found_by_its_percent_encoding() {
        client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"won bet ☘\"}");

        ApiClient.ApiResponse found = client.get("/wallet/andrei/transactions/won%20bet%20%E2%98%98");

        assertThat(found.status()).as("%s", found).isEqualTo(200);
        assertThat(found.json().get("reference").asText()).isEqualTo("won bet ☘");
    }

    @Test
    void an_unknown_reference_answers_404_transaction_not_found() {
        client.post("/add-funds/andrei", WON_BET);

        assertError(client.get("/wallet/andrei/transactions/wonbet-2"), 404, "transaction_not_found");
    }

    @Test
    void a_refused_change_is_found_rejected_with_its_code() {
        assertRefusal(client.post("/remove-funds/andrei", "{\"amount\":500,\"reference\":\"bigbet-1\"}"),
                422, "insufficient_funds", 100);

        JsonNode found = client.get("/wallet/andrei/transactions/bigbet-1").json();

        assertThat(found.get("type").asText()).isEqualTo("REMOVE");
        assertThat(found.get("outcome").asText()).isEqualTo("rejected");
        assertThat(found.get("code").asText()).isEqualTo("insufficient_funds");
        assertThat(found.get("amount").longValue()).isEqualTo(500);
        assertThat(found.get("balanceAfter").longValue()).isEqualTo(100);
    }

    @Test
    void an_unknown_wallet_answers_404_wallet_not_found() {
        assertError(client.get("/wallet/maria/transactions/wonbet-1"), 404, "wallet_not_found");
    }

    @Test
    void a_change_in_flight_answers_503_until_the_log_confirms_it_never_404() throws Exception {
        log.switchTo(ControllableEventLog.Mode.HOLD);
        CompletableFuture<ApiClient.ApiResponse> change = client.postAsync("/add-funds/andrei", WON_BET);
        awaitHeld(1);

        // 404 would tell the client a retry is safe while the change may still land.
        assertError(client.get("/wallet/andrei/transactions/wonbet-1"), 503, "unavailable");

        log.confirmHeld();
        assertThat(change.get().status()).isEqualTo(201);
        assertThat(client.get("/wallet/andrei/transactions/wonbet-1").json().get("balanceAfter").longValue())
                .isEqualTo(110);
    }

    @Test
    void after_a_503_from_a_timeout_the_lookup_finds_the_change_once_the_log_has_stored_it() {
        log.switchTo(ControllableEventLog.Mode.HOLD);
        assertError(client.post("/add-funds/andrei", WON_BET), 503, "unavailable");

        assertError(client.get("/wallet/andrei/transactions/wonbet-1"), 503, "unavailable");
        log.confirmHeld();

        ApiClient.ApiResponse found = client.get("/wallet/andrei/transactions/wonbet-1");
        assertThat(found.status()).as("%s", found).isEqualTo(200);
        assertThat(found.json().get("balanceAfter").longValue()).isEqualTo(110);
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
    }

    @Test
    void after_a_503_from_a_failed_append_the_lookup_answers_503_until_read_back_then_404_and_a_retry_applies_once()
            throws InterruptedException {
        log.switchTo(ControllableEventLog.Mode.FAIL);
        assertError(client.post("/add-funds/andrei", WON_BET), 503, "unavailable");

        assertError(client.get("/wallet/andrei/transactions/wonbet-1"), 503, "unavailable");

        log.switchTo(ControllableEventLog.Mode.CONFIRM);
        ApiClient.ApiResponse lookup = client.get("/wallet/andrei/transactions/wonbet-1");
        for (int attempt = 0; attempt < 200 && lookup.status() == 503; attempt++) {
            Thread.sleep(50);
            lookup = client.get("/wallet/andrei/transactions/wonbet-1");
        }
        assertError(lookup, 404, "transaction_not_found");
        ApiClient.ApiResponse retried = retryWhileUnavailable("/add-funds/andrei", WON_BET);
        assertThat(retried.status()).isEqualTo(201);
        JsonNode found = client.get("/wallet/andrei/transactions/wonbet-1").json();
        assertThat(found.get("sequence").longValue()).isEqualTo(2);
        assertThat(found.get("balanceAfter").longValue()).isEqualTo(110);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/wallet/bad!id/transactions/wonbet-1",
        "/wallet/andrei/transactions/%20",
        "/wallet/andrei/transactions/%E2%80%AEwonbet",
    })
    void a_bad_user_id_or_reference_answers_400_invalid_request(String path) {
        assertError(client.sendingInvalidRequestsOnPurpose().get(path), 400, "invalid_request");
    }

    @Test
    void a_reference_longer_than_128_characters_answers_400_invalid_request() {
        assertError(client.sendingInvalidRequestsOnPurpose().get("/wallet/andrei/transactions/" + "r".repeat(129)), 400,
                "invalid_request");
    }

    @Test
    void a_reference_of_the_longest_allowed_length_is_looked_up() {
        assertError(client.get("/wallet/andrei/transactions/" + "r".repeat(128)), 404, "transaction_not_found");
    }

    @Test
    void a_write_to_the_lookup_path_answers_405_method_not_allowed() {
        ApiClient invalid = client.sendingInvalidRequestsOnPurpose();
        assertError(invalid.send("POST", "/wallet/andrei/transactions/wonbet-1", WON_BET), 405, "method_not_allowed");
    }

    private void awaitHeld(int count) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + ApiClient.REQUEST_TIMEOUT.toNanos();
        while (log.heldCount() < count) {
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError("the log never held " + count + " appends");
            }
            Thread.sleep(1);
        }
    }

    private ApiClient.ApiResponse retryWhileUnavailable(String path, String body) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + ApiClient.REQUEST_TIMEOUT.toNanos();
        ApiClient.ApiResponse answer = client.post(path, body);
        while (answer.status() == 503 && System.nanoTime() < deadlineNanos) {
            // A pause, so that the wallet's read-back gets the lock between retries.
            Thread.sleep(20);
            answer = client.post(path, body);
        }
        return answer;
    }
}
