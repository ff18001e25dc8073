package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

    private RunningApi api;

    @AfterEach
    void stopServer() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void health_answers_200_OK_once_the_ledger_has_loaded_its_state() {
        api = RunningApi.overInMemoryLog();

        ApiClient.ApiResponse health = api.client().get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK");
    }

    @Test
    void health_answers_503_unavailable_with_retry_after_while_the_ledger_has_not_loaded_its_state() {
        api = RunningApi.overWriterNotStarted();

        ApiClient.ApiResponse health = api.client().get("/health");

        assertError(health, 503, "unavailable");
        assertThat(health.header("Retry-After")).hasValue("1");
    }

    @Test
    void liveness_answers_200_OK_in_plain_text_while_the_ledger_has_not_loaded_its_state() {
        api = RunningApi.overWriterNotStarted();

        ApiClient.ApiResponse live = api.client().get("/health/live");
        ApiClient.ApiResponse ready = api.client().get("/health");

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("OK");
        assertThat(live.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertError(ready, 503, "unavailable");
    }

    @Test
    void liveness_answers_200_OK_once_the_ledger_has_loaded_its_state() {
        api = RunningApi.overInMemoryLog();

        assertThat(api.client().get("/health/live").body()).isEqualTo("OK");
        assertThat(api.client().get("/health").body()).isEqualTo("OK");
    }

    @Test
    void reads_and_writes_answer_503_unavailable_while_the_ledger_has_not_loaded_its_state() {
        api = RunningApi.overWriterNotStarted();
        ApiClient client = api.client();

        ApiClient.ApiResponse read = client.get("/wallet/andrei");
        ApiClient.ApiResponse open = client.post("/wallet/andrei", "{\"amount\":100}");
        ApiClient.ApiResponse add = client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"wonbet-1\"}");
        ApiClient.ApiResponse remove = client.post("/remove-funds/andrei", "{\"amount\":10,\"reference\":\"bet-1\"}");

        for (ApiClient.ApiResponse answer : new ApiClient.ApiResponse[] {read, open, add, remove}) {
            assertError(answer, 503, "unavailable");
            assertThat(answer.header("Retry-After")).as("Retry-After of %s", answer).hasValue("1");
        }
    }

    @Test
    void the_service_becomes_healthy_and_takes_writes_once_the_ledger_has_started() {
        api = RunningApi.overWriterNotStarted();
        assertThat(api.client().get("/health").status()).isEqualTo(503);

        api.writer().start();

        assertThat(api.client().get("/health").body()).isEqualTo("OK");
        assertThat(api.client().post("/wallet/andrei", "{\"amount\":100}").status()).isEqualTo(201);
        assertThat(api.client().balanceOf("andrei")).isEqualTo(100);
    }
}
