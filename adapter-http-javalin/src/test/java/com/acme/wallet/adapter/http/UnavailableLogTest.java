package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.domain.FundsChanged;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When the log cannot confirm a write, or does not confirm it in time, the client is told 503 with
 * {@code Retry-After}, never a success, and a retry with the same reference is safe.
 */
class UnavailableLogTest {

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/add-funds/andrei", "/remove-funds/andrei"})
    void a_change_the_log_fails_to_confirm_answers_503_unavailable_with_retry_after(String path) {
        log.switchTo(ControllableEventLog.Mode.FAIL);

        ApiClient.ApiResponse answer = client.post(path, WON_BET);

        assertError(answer, 503, "unavailable");
        assertThat(answer.header("Retry-After")).hasValue("1");
        assertThat(log.failedAppends()).isEqualTo(1);
        assertThat(client.balanceOf("andrei")).isEqualTo(100);
    }

    @Test
    void opening_a_wallet_the_log_fails_to_confirm_answers_503_and_opens_nothing() {
        log.switchTo(ControllableEventLog.Mode.FAIL);

        ApiClient.ApiResponse answer = client.post("/wallet/maria", "{\"amount\":100}");

        assertError(answer, 503, "unavailable");
        assertThat(answer.header("Retry-After")).hasValue("1");
        assertError(client.get("/wallet/maria"), 404, "wallet_not_found");
    }

    @Test
    void a_change_retried_after_the_log_recovers_is_applied_once() {
        log.switchTo(ControllableEventLog.Mode.FAIL);
        assertThat(client.post("/add-funds/andrei", WON_BET).status()).isEqualTo(503);
        log.switchTo(ControllableEventLog.Mode.CONFIRM);

        ApiClient.ApiResponse retried = retryWhileUnavailable("/add-funds/andrei", WON_BET);

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEmpty();
        assertThat(retried.json().get("balance").longValue()).isEqualTo(110);
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
        assertThat(log.storedEvents()).filteredOn(FundsChanged.class::isInstance).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/add-funds/andrei", "/remove-funds/andrei"})
    void a_change_whose_confirmation_times_out_answers_503_unavailable_with_retry_after(String path) {
        log.switchTo(ControllableEventLog.Mode.HOLD);
        long startNanos = System.nanoTime();

        ApiClient.ApiResponse answer = client.post(path, WON_BET);

        Duration waited = Duration.ofNanos(System.nanoTime() - startNanos);
        assertError(answer, 503, "unavailable");
        assertThat(answer.header("Retry-After")).hasValue("1");
        assertThat(waited).isBetween(Duration.ofMillis(250), Duration.ofSeconds(4));
        assertThat(log.heldCount()).isEqualTo(1);
        assertThat(client.balanceOf("andrei")).isEqualTo(100);
    }

    @Test
    void opening_a_wallet_whose_confirmation_times_out_answers_503() {
        log.switchTo(ControllableEventLog.Mode.HOLD);

        ApiClient.ApiResponse answer = client.post("/wallet/maria", "{\"amount\":100}");

        assertError(answer, 503, "unavailable");
        assertThat(answer.header("Retry-After")).hasValue("1");
        assertError(client.get("/wallet/maria"), 404, "wallet_not_found");
    }

    @Test
    void a_retry_while_the_first_attempt_still_awaits_the_log_also_answers_503_and_adds_nothing() {
        log.switchTo(ControllableEventLog.Mode.HOLD);
        assertThat(client.post("/add-funds/andrei", WON_BET).status()).isEqualTo(503);

        ApiClient.ApiResponse retried = client.post("/add-funds/andrei", WON_BET);

        assertError(retried, 503, "unavailable");
        assertThat(log.heldCount()).isEqualTo(1);
        assertThat(client.balanceOf("andrei")).isEqualTo(100);
    }

    @Test
    void a_change_confirmed_after_its_timeout_is_replayed_on_retry_not_applied_twice() {
        log.switchTo(ControllableEventLog.Mode.HOLD);
        assertThat(client.post("/add-funds/andrei", WON_BET).status()).isEqualTo(503);

        log.confirmHeld();
        ApiClient.ApiResponse retried = client.post("/add-funds/andrei", WON_BET);

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).hasValue("true");
        assertThat(retried.json().get("balance").longValue()).isEqualTo(110);
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
        assertThat(log.storedEvents()).filteredOn(FundsChanged.class::isInstance).hasSize(1);
    }

    @Test
    void other_wallets_keep_taking_writes_while_one_awaits_the_log() {
        client.openWallet("maria", 100);
        log.switchTo(ControllableEventLog.Mode.HOLD);
        assertThat(client.post("/add-funds/andrei", WON_BET).status()).isEqualTo(503);

        log.switchTo(ControllableEventLog.Mode.CONFIRM);
        ApiClient.ApiResponse other = client.post("/add-funds/maria", WON_BET);

        assertThat(other.status()).isEqualTo(201);
        assertThat(client.balanceOf("maria")).isEqualTo(110);
    }

    /** Retries as a client told {@code Retry-After} would, for at most five seconds. */
    private ApiClient.ApiResponse retryWhileUnavailable(String path, String body) {
        long deadlineNanos = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        ApiClient.ApiResponse answer = client.post(path, body);
        while (answer.status() == 503 && System.nanoTime() < deadlineNanos) {
            pause(Duration.ofMillis(20));
            answer = client.post(path, body);
        }
        return answer;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }
}
