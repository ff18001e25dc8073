package com.acme.wallet.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The seed's API as its clients call it, over loopback, every call bounded in time. */
final class WalletClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final int port;
    private final Duration timeout;

    WalletClient(int port) {
        this(port, TIMEOUT);
    }

    /**
     * A client whose every call gives up after the timeout.
     *
     * @param port the API's port on 127.0.0.1
     * @param timeout the longest wait for a connection and for an answer
     */
    WalletClient(int port, Duration timeout) {
        this.base = "http://127.0.0.1:" + port;
        this.port = port;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    int port() {
        return port;
    }

    /** {@return the API's URL, such as {@code http://127.0.0.1:8081}} */
    String baseUrl() {
        return base;
    }

    /** A response: its status, the replay header, the Retry-After header (if any) and its JSON body (if any). */
    record Reply(int status, boolean replayed, Optional<String> retryAfter, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON: " + body, notJson);
            }
        }

        long balance() {
            return json().get("balance").asLong();
        }
    }

    Reply health() {
        return send(HttpRequest.newBuilder(URI.create(base + "/health")).GET());
    }

    Reply open(String userId, long amount) {
        return post("/wallet/" + userId, "{\"amount\":" + amount + "}");
    }

    Reply get(String userId) {
        return send(HttpRequest.newBuilder(URI.create(base + "/wallet/" + userId)).GET());
    }

    Reply add(String userId, long amount, String reference) {
        return post("/add-funds/" + userId, change(amount, reference));
    }

    Reply remove(String userId, long amount, String reference) {
        return post("/remove-funds/" + userId, change(amount, reference));
    }

    Reply bet(String userId, String reference, String roundId, long amount, boolean closesRound) {
        return post("/bet/" + userId, roundLeg(reference, roundId, amount, closesRound));
    }

    Reply win(String userId, String reference, String roundId, long amount, boolean closesRound) {
        return post("/win/" + userId, roundLeg(reference, roundId, amount, closesRound));
    }

    Reply rollback(String userId, String reference, String originalReference) {
        return post("/rollback/" + userId, "{\"reference\":\"" + reference + "\",\"originalReference\":\""
                + originalReference + "\"}");
    }

    /** A GET of any path and query of the API, such as a history page. */
    Reply read(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    Reply transaction(String userId, String reference) {
        return send(HttpRequest.newBuilder(URI.create(base + "/wallet/" + userId + "/transactions/" + reference)).GET());
    }

    private static String roundLeg(String reference, String roundId, long amount, boolean closesRound) {
        return "{\"amount\":" + amount + ",\"reference\":\"" + reference + "\",\"roundId\":\"" + roundId
                + "\",\"closesRound\":" + closesRound + "}";
    }

    /** {@link #open} without waiting: the reply, or a failure with the {@link IOException} as its cause. */
    CompletableFuture<Reply> openAsync(String userId, long amount) {
        return postAsync("/wallet/" + userId, "{\"amount\":" + amount + "}");
    }



    /** {@return the balance, or empty if the wallet is unknown} */
    Optional<Long> balance(String userId) {
        Reply reply = get(userId);
        return reply.status() == 200 ? Optional.of(reply.balance()) : Optional.empty();
    }

    /** {@return whether /health answered 200, false also when nothing listens} */
    boolean isHealthy() {
        try {
            return health().status() == 200;
        } catch (IllegalStateException notListening) {
            return false;
        }
    }

    /** A POST of a JSON body to any path of the API. */
    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@link #post} without waiting: the reply, or a failure with the {@link IOException} as its cause. */
    CompletableFuture<Reply> postAsync(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(timeout)
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(WalletClient::reply);
    }

    private static Reply reply(HttpResponse<String> response) {
        boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
        return new Reply(response.statusCode(), replayed, response.headers().firstValue("Retry-After"), response.body());
    }

    private static String change(long amount, String reference) {
        return "{\"amount\":" + amount + ",\"reference\":\"" + reference + "\"}";
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            return reply(http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException failure) {
            throw new IllegalStateException("request to " + base + " failed: " + failure, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }
}
