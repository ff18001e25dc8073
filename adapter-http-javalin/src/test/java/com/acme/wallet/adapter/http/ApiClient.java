package com.acme.wallet.adapter.http;

import com.acme.wallet.testsupport.OpenApiContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A small client of the running API: sends raw requests, so that tests can send bodies no
 * well-behaved client would, and returns status, headers and body as received. Every request has a
 * timeout, so no test waits for ever.
 *
 * <p>Every exchange is checked against the API's OpenAPI document ({@link OpenApiContract}), and a
 * violation fails the test. By default the request must be one the document describes, and the
 * answer one its operation lists; a test that sends an invalid request on purpose says so with
 * {@link #sendingInvalidRequestsOnPurpose()}, and then only the answer is checked.
 */
final class ApiClient {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUri;
    private final boolean invalidRequestsOnPurpose;
    private final Optional<String> token;

    /** A client that sends {@link RunningApi#TOKEN}, which an API started without authentication ignores. */
    ApiClient(int port) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), "http://127.0.0.1:" + port, false,
                Optional.of(RunningApi.TOKEN));
    }

    /** A client whose asynchronous requests run on this executor. */
    ApiClient(int port, Executor executor) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(executor).build(),
                "http://127.0.0.1:" + port, false, Optional.of(RunningApi.TOKEN));
    }

    private ApiClient(HttpClient http, String baseUri, boolean invalidRequestsOnPurpose, Optional<String> token) {
        this.http = http;
        this.baseUri = baseUri;
        this.invalidRequestsOnPurpose = invalidRequestsOnPurpose;
        this.token = token;
    }

    /**
     * {@return this client, for requests a test makes invalid on purpose: their answers are still
     *     checked against the document, the requests are not}
     */
    ApiClient sendingInvalidRequestsOnPurpose() {
        return new ApiClient(http, baseUri, true, token);
    }

    /** {@return this client, sending this bearer token instead} */
    ApiClient withToken(String otherToken) {
        return new ApiClient(http, baseUri, invalidRequestsOnPurpose, Optional.of(otherToken));
    }

    /** {@return this client, sending no token: its requests are invalid on purpose} */
    ApiClient withoutToken() {
        return new ApiClient(http, baseUri, true, Optional.empty());
    }

    /** {@return the answer to {@code GET path}} */
    ApiResponse get(String path) {
        return send(request(path).GET().build(), null);
    }

    /** {@return the answer to {@code POST path} with this body, sent as JSON} */
    ApiResponse post(String path, String body) {
        return send(post(path, body.getBytes(StandardCharsets.UTF_8)), body);
    }

    /** {@return the answer to {@code POST path} with this body, declared with this content type, or with none if null} */
    ApiResponse postAs(String path, String contentType, String body) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build(), body);
    }

    /** {@return the answer to {@code POST path} with no body at all} */
    ApiResponse postWithoutBody(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), null);
    }

    /** {@return the answer to a request with any method and an optional body, sent as JSON} */
    ApiResponse send(String method, String path, String body) {
        HttpRequest.Builder request = request(path);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return send(request.build(), body);
    }

    /** {@return the answer to {@code POST path}, without waiting for it} */
    CompletableFuture<ApiResponse> postAsync(String path, String body) {
        HttpRequest request = post(path, body.getBytes(StandardCharsets.UTF_8));
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> checked(request, body, ApiResponse.of(response)));
    }

    /** {@return the balance a GET reports; fails the test if the wallet cannot be read} */
    long balanceOf(String userId) {
        ApiResponse wallet = get("/wallet/" + userId);
        if (wallet.status() != 200) {
            throw new AssertionError("GET /wallet/" + userId + " answered " + wallet.status() + " " + wallet.body());
        }
        return wallet.json().get("balance").longValue();
    }

    /** Opens a wallet through the API and fails the test if that does not work. */
    void openWallet(String userId, long amountCents) {
        ApiResponse opened = post("/wallet/" + userId, "{\"amount\":" + amountCents + "}");
        if (opened.status() != 201) {
            throw new AssertionError("opening " + userId + " answered " + opened.status() + " " + opened.body());
        }
    }

    private HttpRequest post(String path, byte[] body) {
        return request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(REQUEST_TIMEOUT);
        token.ifPresent(bearer -> request.header("Authorization", "Bearer " + bearer));
        return request;
    }

    private ApiResponse send(HttpRequest request, String body) {
        try {
            return checked(request, body, ApiResponse.of(http.send(request, HttpResponse.BodyHandlers.ofString())));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + request.uri(), interrupted);
        }
    }

    /** {@return the answer, once checked against the OpenAPI document; throws an AssertionError if it breaks it} */
    private ApiResponse checked(HttpRequest request, String body, ApiResponse answer) {
        String target = request.uri().getRawPath()
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
        Map<String, List<String>> responseHeaders = answer.response().headers().map();
        if (invalidRequestsOnPurpose) {
            OpenApiContract.assertValidAnswerToInvalidRequest(request.method(), target, answer.status(),
                    responseHeaders, answer.body());
        } else {
            OpenApiContract.assertValid(request.method(), target, request.headers().map(), body, answer.status(),
                    responseHeaders, answer.body());
        }
        return answer;
    }

    /**
     * An answer as the client received it.
     *
     * @param status the HTTP status
     * @param response the whole response, for its headers
     * @param body the body as text
     */
    record ApiResponse(int status, HttpResponse<String> response, String body) {

        static ApiResponse of(HttpResponse<String> response) {
            return new ApiResponse(response.statusCode(), response, response.body());
        }

        /** {@return the header's value, if the answer has it} */
        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        /** {@return the body parsed as JSON; fails the test if it is not JSON} */
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("body is not JSON: " + body, notJson);
            }
        }

        /** {@return the error code of an error body} */
        String code() {
            JsonNode code = json().get("code");
            return code == null ? null : code.asText();
        }

        @Override
        public String toString() {
            return status + " " + response.headers().map() + " " + body;
        }
    }
}
