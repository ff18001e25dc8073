package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Checks shared by every test of an error answer: the JSON shape, the code, and nothing internal. */
final class ErrorAnswers {

    /** Text that would show a stack trace, a class name or some other internal detail to a client. */
    static final List<String> INTERNAL_DETAIL = List.of(
            "Exception", "exception", "Caused by", "\tat ", "at com.", "at java.", "at io.", "at org.",
            "java.", "com.acme", "com.fasterxml", "io.javalin", "org.eclipse", "jackson", "Jackson", "Javalin",
            "Jetty", "jetty", "pulsar", "10.0.0.7", "<html", "null");

    private ErrorAnswers() {}

    /**
     * Asserts that an answer is the API's JSON error: {@code {"success":false,"msg":...,"code":...}}
     * with this status and code and no internal detail.
     */
    static void assertError(ApiClient.ApiResponse answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as("content type of %s", answer).hasValue("application/json");
        JsonNode json = answer.json();
        assertThat(json.get("success")).as("success of %s", answer).isNotNull();
        assertThat(json.get("success").isBoolean()).isTrue();
        assertThat(json.get("success").booleanValue()).isFalse();
        assertThat(json.get("code")).as("code of %s", answer).isNotNull();
        assertThat(json.get("code").asText()).isEqualTo(code);
        assertThat(json.get("msg")).as("msg of %s", answer).isNotNull();
        assertThat(json.get("msg").isTextual()).isTrue();
        assertThat(json.get("msg").asText()).isNotBlank();
        assertThat(json.size()).as("fields of %s", answer).isEqualTo(3);
        assertNoInternalDetail(answer);
    }

    /**
     * Asserts that an answer is a recorded refusal: {@code {"success":false,"msg":...,"code":...,"balance":...}}
     * with this status, code and balance and no internal detail.
     */
    static void assertRefusal(ApiClient.ApiResponse answer, int status, String code, long balance) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        JsonNode json = answer.json();
        assertThat(json.get("success").booleanValue()).as("success of %s", answer).isFalse();
        assertThat(json.get("code").asText()).as("code of %s", answer).isEqualTo(code);
        assertThat(json.get("msg").asText()).isNotBlank();
        assertThat(json.get("balance").isIntegralNumber()).as("balance of %s", answer).isTrue();
        assertThat(json.get("balance").longValue()).as("balance of %s", answer).isEqualTo(balance);
        assertThat(json.size()).as("fields of %s", answer).isEqualTo(4);
        assertNoInternalDetail(answer);
    }

    static void assertNoInternalDetail(ApiClient.ApiResponse answer) {
        for (String detail : INTERNAL_DETAIL) {
            assertThat(answer.body()).as("body of %s", answer).doesNotContain(detail);
        }
    }
}
