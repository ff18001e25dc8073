package com.acme.wallet.endtoend;

import com.acme.wallet.client.Exchange;
import com.acme.wallet.client.RetryPolicy;
import com.acme.wallet.client.RoundLeg;
import com.acme.wallet.client.Wallet;
import com.acme.wallet.client.WalletClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The tests' view of a REST API on 127.0.0.1: the API's calls go through {@code wallet-client},
 * one request each ({@link RetryPolicy#none()}), and answer that request's raw {@link Reply} for the
 * tests that check statuses and bodies as they came. Requests the client has no call for (the
 * metrics, past balances, raw bodies) go out as they are written here. Every call is bounded in time.
 *
 * <p>Every request to the REST API carries the tests' token ({@link TestToken}), which has every
 * scope; the batch consumer's management endpoint needs none and gets none.
 */
final class ApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String base;
    private final Duration timeout;
    private final WalletClient client;
    private final HttpClient raw;
    /** Whether its exchanges are checked against the REST API's OpenAPI document. */
    private final boolean checked;
    /** Whether its requests carry the tests' token: the REST API's do, the management endpoint's not. */
    private final boolean authenticated;

    ApiClient(int port) {
        this(port, TIMEOUT);
    }

    /**
     * A client of a REST API, every exchange of which is checked against its OpenAPI document.
     *
     * @param port the API's port on 127.0.0.1
     * @param timeout the longest wait for a connection and for each answer
     */
    ApiClient(int port, Duration timeout) {
        this(port, timeout, true);
    }

    private ApiClient(int port, Duration timeout, boolean checked) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.timeout = timeout;
        this.checked = checked;
        this.authenticated = checked;
        this.raw = HttpClient.newBuilder().connectTimeout(timeout).build();
        WalletClient.Builder builder = WalletClient.builder(URI.create(base)).connectTimeout(timeout)
                .requestTimeout(timeout).retryPolicy(RetryPolicy.none()).httpClient(raw);
        this.client = (checked ? builder.bearerToken(TestToken.value()).listener(ContractCheck.listener()) : builder)
                .build();
    }

    /** {@return a client of the batch consumer's management endpoint, which the REST API's document does not describe} */
    static ApiClient management(int port) {
        return new ApiClient(port, TIMEOUT, false);
    }

    /**
     * {@return a builder of the tests' clients of the API at this address, one request per call:
     *     every client the end-to-end tests and the fault harness use is made here, each sends the
     *     tests' token, and each exchange they make is checked against the API's OpenAPI document
     *     ({@link ContractCheck})}
     */
    static WalletClient.Builder clientBuilder(String baseUrl, Duration timeout) {
        return WalletClient.builder(URI.create(baseUrl)).connectTimeout(timeout).requestTimeout(timeout)
                .retryPolicy(RetryPolicy.none()).bearerToken(TestToken.value()).listener(ContractCheck.listener());
    }

    int port() {
        return port;
    }

    /** {@return the API's URL, such as {@code http://127.0.0.1:8081}} */
    String baseUrl() {
        return base;
    }

    /** {@return the client this helper sends through: one request per call; {@code withRetryPolicy} for more} */
    WalletClient client() {
        return client;
    }

    /** A response: its status, the replay header, the Retry-After header (if any) and its body. */
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
        return read("/health");
    }

    Reply open(String userId, long amount) {
        return await(capture(wallets -> wallets.openWalletAsync(userId, amount)));
    }

    Reply get(String userId) {
        return await(capture(wallets -> wallets.balanceAsync(userId)));
    }

    Reply add(String userId, long amount, String reference) {
        return await(capture(wallets -> wallets.addFundsAsync(userId, amount, reference)));
    }

    Reply remove(String userId, long amount, String reference) {
        return await(capture(wallets -> wallets.removeFundsAsync(userId, amount, reference)));
    }

    Reply bet(String userId, String reference, String roundId, long amount, boolean closesRound) {
        RoundLeg bet = RoundLeg.of(reference, roundId, amount);
        return await(capture(wallets -> wallets.betAsync(userId, closesRound ? bet.closingRound() : bet)));
    }

    Reply win(String userId, String reference, String roundId, long amount, boolean closesRound) {
        RoundLeg win = RoundLeg.of(reference, roundId, amount);
        return await(capture(wallets -> wallets.winAsync(userId, closesRound ? win.closingRound() : win)));
    }

    Reply rollback(String userId, String reference, String originalReference) {
        return await(capture(wallets -> wallets.rollbackAsync(userId, reference, originalReference)));
    }

    Reply transaction(String userId, String reference) {
        return await(capture(wallets -> wallets.transactionAsync(userId, reference)));
    }

    /** {@link #open} without waiting: the reply, or a failure with the {@link IOException} as its cause. */
    CompletableFuture<Reply> openAsync(String userId, long amount) {
        return capture(wallets -> wallets.openWalletAsync(userId, amount));
    }

    /** {@return the balance, or empty if the wallet is unknown} */
    Optional<Long> balance(String userId) {
        return client.balance(userId).value().map(Wallet::balanceCents);
    }

    /** {@return whether /health answered 200, false also when nothing listens} */
    boolean isHealthy() {
        return client.isReady();
    }

    /** A GET of any path and query of the API, as written, such as the metrics. */
    Reply read(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET(), "", false);
    }

    /** A GET the API's document does not describe, on purpose (no such route): only its answer is checked. */
    Reply readInvalidOnPurpose(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET(), "", true);
    }

    /** A POST of any JSON body, as written, to any path of the API. */
    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), body, false);
    }

    /**
     * Makes one call of the client and answers its one request's raw answer; a request that got no
     * answer fails the future with an {@link IllegalStateException} whose cause is the failure.
     */
    private CompletableFuture<Reply> capture(Function<WalletClient, CompletableFuture<?>> call) {
        List<Exchange> exchanges = new CopyOnWriteArrayList<>();
        return call.apply(client.withListener(exchanges::add)).thenApply(ignored -> {
            Exchange exchange = exchanges.get(exchanges.size() - 1);
            if (!exchange.answered()) {
                Throwable failure = exchange.failure().orElseThrow();
                throw new IllegalStateException("request to " + base + " failed: " + failure, failure);
            }
            return new Reply(exchange.status(), exchange.responseHeader("Idempotent-Replayed").map("true"::equals)
                    .orElse(false), exchange.responseHeader("Retry-After"), exchange.responseBody());
        });
    }

    private static Reply await(CompletableFuture<Reply> reply) {
        try {
            return reply.join();
        } catch (java.util.concurrent.CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    private Reply send(HttpRequest.Builder builder, String body, boolean invalidOnPurpose) {
        if (authenticated) {
            builder.header("Authorization", TestToken.authorization());
        }
        try {
            HttpRequest request = builder.timeout(timeout).build();
            HttpResponse<String> response = raw.send(request, HttpResponse.BodyHandlers.ofString());
            if (checked) {
                ContractCheck.keep(request.method(), request.uri(), request.headers().map(), body,
                        response.statusCode(), response.headers().map(), response.body(), invalidOnPurpose);
            }
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false),
                    response.headers().firstValue("Retry-After"), response.body());
        } catch (IOException failure) {
            throw new IllegalStateException("request to " + base + " failed: " + failure, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }
}
