package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request the API refuses: it answers a 4xx JSON error with a stable code and no internal
 * detail, and nothing changes, neither a balance nor the log.
 */
class RejectedRequestTest {

    /** Opens {@code andrei} with 100 and adds 10 under {@code wonbet-1}: the balance is 110. */
    private static final long BALANCE = 110;

    private ControllableEventLog log;
    private RunningApi api;
    private ApiClient client;

    @BeforeEach
    void startServerWithAWalletOf110() {
        log = new ControllableEventLog();
        api = RunningApi.over(log, HttpSettings.defaults("127.0.0.1", 0));
        client = api.client();
        client.openWallet("andrei", 100);
        assertThat(client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"wonbet-1\"}").status())
                .isEqualTo(201);
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void a_rejected_request_answers_a_4xx_json_error_and_changes_nothing(BadRequest request) {
        int eventsBefore = log.storedEvents().size();

        ApiClient sender = request.invalidOnPurpose() ? client.sendingInvalidRequestsOnPurpose() : client;
        ApiClient.ApiResponse answer = sender.send(request.method(), request.path(), request.body());

        assertThat(answer.status()).as("a rejection is never a server error: %s", answer).isLessThan(500);
        assertError(answer, request.status(), request.code());
        assertThat(answer.header("Idempotent-Replayed")).isEmpty();
        assertThat(client.balanceOf("andrei")).isEqualTo(BALANCE);
        assertError(client.get("/wallet/newbie"), 404, "wallet_not_found");
        assertThat(log.storedEvents()).hasSize(eventsBefore);
    }

    static Stream<BadRequest> badRequests() {
        List<BadRequest> requests = new ArrayList<>();
        requests.addAll(malformedBodies());
        requests.addAll(wrongAmounts());
        requests.addAll(wrongReferences());
        requests.addAll(wrongUserIds());
        requests.addAll(wrongOpenings());
        requests.addAll(businessRejections());
        requests.addAll(unknownRoutes());
        return requests.stream();
    }

    private static List<BadRequest> malformedBodies() {
        return List.of(
                invalid("unterminated object", "{\"amount\":10,\"reference\":\"r-1\""),
                invalid("not JSON at all", "amount=10&reference=r-1"),
                invalid("single-quoted JSON", "{'amount':10,'reference':'r-1'}"),
                invalid("trailing comma", "{\"amount\":10,\"reference\":\"r-1\",}"),
                invalid("a comment", "{\"amount\":10, /* cents */ \"reference\":\"r-1\"}"),
                invalid("unquoted key", "{amount:10,\"reference\":\"r-1\"}"),
                invalid("duplicate amount key", "{\"amount\":10,\"amount\":10,\"reference\":\"r-1\"}"),
                invalid("duplicate amount key with other values", "{\"amount\":1,\"amount\":10,\"reference\":\"r-1\"}"),
                invalid("duplicate reference key", "{\"amount\":10,\"reference\":\"r-1\",\"reference\":\"r-2\"}"),
                invalid("garbage after the object", "{\"amount\":10,\"reference\":\"r-1\"} x"),
                invalid("a second object after the object", "{\"amount\":10,\"reference\":\"r-1\"}{}"),
                invalid("a stray bracket after the object", "{\"amount\":10,\"reference\":\"r-1\"}]"),
                invalid("a JSON array of the object", "[{\"amount\":10,\"reference\":\"r-1\"}]"),
                invalid("an empty JSON array", "[]"),
                invalid("a JSON string", "\"amount\""),
                invalid("a JSON number", "10"),
                invalid("JSON null", "null"),
                invalid("an empty body", ""),
                invalid("a blank body", "  \n "),
                invalid("an empty object", "{}"),
                invalid("deeply nested arrays", "[".repeat(5_000)),
                invalid("a raw control character inside a string",
                        "{\"amount\":10,\"reference\":\"r\u0001-1\"}"));
    }

    private static List<BadRequest> wrongAmounts() {
        return List.of(
                invalid("amount as a string", "{\"amount\":\"10\",\"reference\":\"r-1\"}"),
                invalid("amount with a fraction", "{\"amount\":10.5,\"reference\":\"r-1\"}"),
                invalid("amount with a zero fraction", "{\"amount\":10.0,\"reference\":\"r-1\"}"),
                invalid("amount in exponent notation", "{\"amount\":1e3,\"reference\":\"r-1\"}"),
                invalid("amount as a boolean", "{\"amount\":true,\"reference\":\"r-1\"}"),
                invalid("amount as an array", "{\"amount\":[10],\"reference\":\"r-1\"}"),
                invalid("amount as an object", "{\"amount\":{\"cents\":10},\"reference\":\"r-1\"}"),
                invalid("amount null", "{\"amount\":null,\"reference\":\"r-1\"}"),
                invalid("amount missing", "{\"reference\":\"r-1\"}"),
                invalid("amount zero", "{\"amount\":0,\"reference\":\"r-1\"}"),
                invalid("amount negative", "{\"amount\":-10,\"reference\":\"r-1\"}"),
                invalid("amount one cent too large", "{\"amount\":1000000000001,\"reference\":\"r-1\"}"),
                invalid("amount the largest long", "{\"amount\":9223372036854775807,\"reference\":\"r-1\"}"),
                invalid("amount beyond the long range", "{\"amount\":9223372036854775808,\"reference\":\"r-1\"}"),
                invalid("amount below the long range", "{\"amount\":-9223372036854775809,\"reference\":\"r-1\"}"),
                invalid("amount of 2000 digits", "{\"amount\":" + "9".repeat(2_000) + ",\"reference\":\"r-1\"}"),
                invalid("removal amount as a string", "/remove-funds/andrei",
                        "{\"amount\":\"10\",\"reference\":\"r-1\"}"),
                invalid("removal amount negative", "/remove-funds/andrei", "{\"amount\":-10,\"reference\":\"r-1\"}"),
                invalid("removal amount missing", "/remove-funds/andrei", "{\"reference\":\"r-1\"}"));
    }

    private static List<BadRequest> wrongReferences() {
        return List.of(
                invalid("reference missing", "{\"amount\":10}"),
                invalid("reference null", "{\"amount\":10,\"reference\":null}"),
                invalid("reference empty", "{\"amount\":10,\"reference\":\"\"}"),
                invalid("reference blank", "{\"amount\":10,\"reference\":\"   \"}"),
                invalid("reference of 129 characters", "{\"amount\":10,\"reference\":\"" + "r".repeat(129) + "\"}"),
                invalid("reference with an escaped NUL", "{\"amount\":10,\"reference\":\"r\\u0000-1\"}"),
                invalid("reference with an escaped newline", "{\"amount\":10,\"reference\":\"r\\n-1\"}"),
                invalid("reference with an escaped tab", "{\"amount\":10,\"reference\":\"r\\t-1\"}"),
                invalid("reference with an escaped DEL", "{\"amount\":10,\"reference\":\"r\\u007f-1\"}"),
                // A lone surrogate is not Unicode text: encoded to UTF-8 (PostgreSQL, logs) it becomes '?', so
                // the stored reference would differ from the one retries send (found by BadInputFuzzTest).
                invalid("reference with an escaped lone high surrogate", "{\"amount\":10,\"reference\":\"r\\ud800\"}"),
                invalid("reference with an escaped lone low surrogate", "{\"amount\":10,\"reference\":\"\\udc00r\"}"),
                invalid("reference with surrogates in the wrong order",
                        "{\"amount\":10,\"reference\":\"r\\ude00\\ud83d\"}"),
                invalid("reference as a number", "{\"amount\":10,\"reference\":42}"),
                invalid("reference as a boolean", "{\"amount\":10,\"reference\":true}"),
                invalid("reference as an array", "{\"amount\":10,\"reference\":[\"r-1\"]}"),
                invalid("reference as an object", "{\"amount\":10,\"reference\":{\"id\":\"r-1\"}}"),
                invalid("removal reference missing", "/remove-funds/andrei", "{\"amount\":10}"),
                invalid("removal reference of 129 characters", "/remove-funds/andrei",
                        "{\"amount\":10,\"reference\":\"" + "r".repeat(129) + "\"}"));
    }

    private static List<BadRequest> wrongUserIds() {
        String valid = "{\"amount\":10,\"reference\":\"r-1\"}";
        String tooLong = "a".repeat(65);
        return List.of(
                invalid("user id of 65 characters to add-funds", "/add-funds/" + tooLong, valid),
                invalid("user id of 65 characters to remove-funds", "/remove-funds/" + tooLong, valid),
                invalid("user id of 65 characters to open", "/wallet/" + tooLong, "{\"amount\":10}"),
                new BadRequest("user id of 65 characters to read", "GET", "/wallet/" + tooLong, null, 400,
                        "invalid_request"),
                invalid("user id with an exclamation mark", "/add-funds/andrei!", valid),
                invalid("user id with a dollar sign", "/remove-funds/andrei$", valid),
                invalid("user id with a plus sign", "/wallet/new+bie", "{\"amount\":10}"),
                invalid("user id with a percent-encoded space", "/add-funds/andr%20ei", valid),
                invalid("user id with a percent-encoded slash", "/add-funds/andrei%2Fx", valid),
                invalid("user id with a percent-encoded non-ASCII letter", "/wallet/n%C3%A9wbie", "{\"amount\":10}"),
                invalid("user id with a semicolon", "/add-funds/andrei;x", valid),
                new BadRequest("reading a user id with a percent-encoded space", "GET", "/wallet/andr%20ei", null,
                        400, "invalid_request"));
    }

    private static List<BadRequest> wrongOpenings() {
        return List.of(
                invalid("opening amount as a string", "/wallet/newbie", "{\"amount\":\"100\"}"),
                invalid("opening amount with a fraction", "/wallet/newbie", "{\"amount\":100.5}"),
                invalid("opening amount with a zero fraction", "/wallet/newbie", "{\"amount\":100.0}"),
                invalid("opening amount as a boolean", "/wallet/newbie", "{\"amount\":false}"),
                invalid("opening amount null", "/wallet/newbie", "{\"amount\":null}"),
                invalid("opening amount negative", "/wallet/newbie", "{\"amount\":-1}"),
                invalid("opening amount one cent too large", "/wallet/newbie", "{\"amount\":1000000000001}"),
                invalid("opening amount beyond the long range", "/wallet/newbie", "{\"amount\":99999999999999999999}"),
                invalid("opening with duplicate keys", "/wallet/newbie", "{\"amount\":1,\"amount\":2}"),
                invalid("opening with garbage after the object", "/wallet/newbie", "{\"amount\":1} {"),
                invalid("opening with a JSON array", "/wallet/newbie", "[{\"amount\":1}]"),
                invalid("opening with malformed JSON", "/wallet/newbie", "{\"amount\":"));
    }

    private static List<BadRequest> businessRejections() {
        return List.of(
                post("adding to an unknown wallet", "/add-funds/newbie", "{\"amount\":10,\"reference\":\"r-1\"}",
                        404, "wallet_not_found"),
                post("removing from an unknown wallet", "/remove-funds/newbie", "{\"amount\":10,\"reference\":\"r-1\"}",
                        404, "wallet_not_found"),
                post("opening an existing wallet", "/wallet/andrei", "{\"amount\":5}", 409, "wallet_exists"),
                post("a used reference with another amount", "/add-funds/andrei",
                        "{\"amount\":11,\"reference\":\"wonbet-1\"}", 409, "reference_conflict"),
                post("a used reference for the other operation", "/remove-funds/andrei",
                        "{\"amount\":10,\"reference\":\"wonbet-1\"}", 409, "reference_conflict"),
                post("a body over 16 KiB", "/add-funds/andrei",
                        "{\"amount\":10,\"reference\":\"r-1\",\"padding\":\"" + "x".repeat(16 * 1024) + "\"}",
                        413, "payload_too_large"));
    }

    private static List<BadRequest> unknownRoutes() {
        return List.of(
                new BadRequest("an unknown path", "GET", "/nope", null, 404, "not_found"),
                new BadRequest("the root path", "GET", "/", null, 404, "not_found"),
                post("adding without a user id", "/add-funds", "{\"amount\":10,\"reference\":\"r-1\"}",
                        404, "not_found"),
                post("adding with an extra path segment", "/add-funds/andrei/more",
                        "{\"amount\":10,\"reference\":\"r-1\"}", 404, "not_found"),
                new BadRequest("opening without a user id", "POST", "/wallet/", "{\"amount\":10}", 404, "not_found"),
                new BadRequest("GET on add-funds", "GET", "/add-funds/andrei", null, 405, "method_not_allowed"),
                new BadRequest("PUT on a wallet", "PUT", "/wallet/andrei", "{\"amount\":0}", 405,
                        "method_not_allowed"),
                new BadRequest("DELETE on a wallet", "DELETE", "/wallet/andrei", null, 405, "method_not_allowed"),
                new BadRequest("POST on health", "POST", "/health", "{}", 405, "method_not_allowed"));
    }

    private static BadRequest invalid(String description, String body) {
        return invalid(description, "/add-funds/andrei", body);
    }

    private static BadRequest invalid(String description, String path, String body) {
        return post(description, path, body, 400, "invalid_request");
    }

    private static BadRequest post(String description, String path, String body, int status, String code) {
        return new BadRequest(description, "POST", path, body, status, code);
    }

    /**
     * A request the API must refuse, and the refusal it must give.
     *
     * @param description what is wrong with it, the test's name
     * @param method the HTTP method
     * @param path the path, percent-encoded
     * @param body the body, or null for none
     * @param status the expected status
     * @param code the expected error code
     */
    record BadRequest(String description, String method, String path, String body, int status, String code) {

        /**
         * {@return whether the request itself breaks the OpenAPI document (bad input, no such route,
         *     a body too large), rather than being a valid request the wallet refuses}
         */
        boolean invalidOnPurpose() {
            return status == 400 || status == 405 || status == 413 || code.equals("not_found");
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
