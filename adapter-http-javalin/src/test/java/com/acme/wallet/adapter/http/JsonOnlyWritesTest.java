package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A write's body must be declared JSON: a form or {@code text/plain} body, which a browser sends
 * cross-site without asking first, answers 415 and changes nothing, even when the body is valid JSON.
 */
class JsonOnlyWritesTest {

    private static final String ADD = "{\"amount\":10,\"reference\":\"r-1\"}";

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonp", "application/json-seq", "text/json", "json"})
    void a_body_declared_as_anything_but_json_answers_415_and_changes_nothing(String contentType) {
        int eventsBefore = log.storedEvents().size();

        ApiClient.ApiResponse answer = client.sendingInvalidRequestsOnPurpose().postAs("/add-funds/andrei",
                contentType, ADD);

        assertError(answer, 415, "unsupported_media_type");
        assertThat(client.balanceOf("andrei")).isEqualTo(100);
        assertThat(log.storedEvents()).hasSize(eventsBefore);
    }

    @Test
    void a_body_without_a_content_type_answers_415() {
        assertError(client.sendingInvalidRequestsOnPurpose().postAs("/bet/andrei", null,
                "{\"amount\":10,\"reference\":\"b-1\",\"roundId\":\"r-1\"}"), 415, "unsupported_media_type");
        assertThat(client.balanceOf("andrei")).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON",
        " application/json ;charset=UTF-8"})
    void json_with_or_without_parameters_and_in_any_case_is_taken(String contentType) {
        assertThat(client.postAs("/add-funds/andrei", contentType, ADD).status()).isEqualTo(201);
        assertThat(client.balanceOf("andrei")).isEqualTo(110);
    }

    @Test
    void an_unknown_route_or_method_still_answers_404_or_405_whatever_the_content_type() {
        ApiClient invalid = client.sendingInvalidRequestsOnPurpose();

        assertError(invalid.postAs("/no-such-route/andrei", "text/plain", ADD), 404, "not_found");
        assertThat(invalid.send("PUT", "/add-funds/andrei", ADD).status()).isEqualTo(405);
    }

    @Test
    void a_post_without_a_body_declares_nothing_and_opens_a_wallet_at_zero_as_the_seed_did() {
        ApiClient.ApiResponse opened = client.postWithoutBody("/wallet/maria");

        assertThat(opened.status()).isEqualTo(201);
        assertThat(client.balanceOf("maria")).isZero();
    }

    @Test
    void the_answers_carry_no_cors_headers() {
        ApiClient.ApiResponse answer = client.postAs("/add-funds/andrei", "application/json", ADD);

        assertThat(answer.response().headers().map().keySet())
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
    }
}
