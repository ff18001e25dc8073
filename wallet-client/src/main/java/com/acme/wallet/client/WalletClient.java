package com.acme.wallet.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A client of the wallet's REST API. Every call is bounded by the {@link RetryPolicy} and answers
 * with a value, never an exception for what the service or the network did: a change of money
 * with an {@link Outcome}, anything else with an {@link Answer}. Each call has a synchronous form
 * and an asynchronous one ({@code …Async}) that does the same without blocking a thread.
 *
 * <p>A change is sent again unchanged, with its reference, after a connection failure, a timeout
 * or a 503; the service applies a reference at most once, so this never applies it twice. When
 * the sends run out without a definite answer, the change is looked up by its reference: see
 * {@link Outcome} and the module's README for what each case guarantees.
 *
 * <p>Every request carries the caller's bearer token ({@link Builder#bearerToken}), which nothing
 * the client shows or reports contains. An answer 401 {@code unauthenticated} or 403 {@code forbidden}
 * is a refusal, never sent again; a 429 {@code rate_limited} changed nothing and is sent again
 * like a 503.
 *
 * <p>Thread-safe; share one per service. Calls that throw do so only for a bug: an answer that
 * breaks the API's contract ({@link IllegalStateException}) or a listener that threw.
 */
public final class WalletClient {

    /** The header that names a request in the service's logs. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Transport transport;
    private final Duration requestTimeout;
    private final RetryPolicy policy;
    private final Optional<Supplier<String>> requestIds;

    private WalletClient(Transport transport, Duration requestTimeout, RetryPolicy policy,
            Optional<Supplier<String>> requestIds) {
        this.transport = transport;
        this.requestTimeout = requestTimeout;
        this.policy = policy;
        this.requestIds = requestIds;
    }

    /** {@return a builder of a client of the API at this address, such as {@code http://127.0.0.1:8081}} */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    /** {@return this client with another retry policy, sharing its connections and listener} */
    public WalletClient withRetryPolicy(RetryPolicy another) {
        return new WalletClient(transport, requestTimeout, Objects.requireNonNull(another, "policy"), requestIds);
    }

    /** {@return this client with one more listener, called after its own; sharing its connections} */
    public WalletClient withListener(ExchangeListener another) {
        return new WalletClient(transport.listenedToAlsoBy(Objects.requireNonNull(another, "listener")), requestTimeout,
                policy, requestIds);
    }

    /** {@return the API's address the client calls} */
    public URI baseUri() {
        return transport.baseUri();
    }

    /** {@return how the client retries and resolves unknown outcomes} */
    public RetryPolicy retryPolicy() {
        return policy;
    }

    /** {@return the address and the policy; never the token, shown as {@code Bearer ***} when there is one} */
    @Override
    public String toString() {
        return "WalletClient[" + baseUri() + (transport.authorized() ? ", " + BearerAuthorization.REDACTED : "")
                + ", " + policy + "]";
    }

    /** {@return whether {@code GET /health} answers 200 now: one request, no retry; false when nothing answers} */
    public boolean isReady() {
        return await(isReadyAsync());
    }

    /** {@link #isReady()} without waiting. */
    public CompletableFuture<Boolean> isReadyAsync() {
        return transport.send(get("/health"), headers(), requestTimeout)
                .handle((response, failure) -> failure == null && response.status() == 200);
    }

    /**
     * Opens a wallet. An opening has no reference: after an attempt without an answer, a later
     * {@code wallet_exists} may be this call's own opening ({@link Answer.Refused#attempts()} above 1).
     */
    public Answer<Wallet> openWallet(String userId, long openingCents) {
        return await(openWalletAsync(userId, openingCents));
    }

    /** {@link #openWallet} without waiting: completes with the answer, never exceptionally for an HTTP failure. */
    public CompletableFuture<Answer<Wallet>> openWalletAsync(String userId, long openingCents) {
        ObjectNode body = WalletJson.object().put("amount", openingCents);
        return read(post("/wallet/" + segment(userId), body), WalletJson::wallet);
    }

    /** {@return the wallet's balance, every confirmed change counted} */
    public Answer<Wallet> balance(String userId) {
        return await(balanceAsync(userId));
    }

    /** {@link #balance} without waiting. */
    public CompletableFuture<Answer<Wallet>> balanceAsync(String userId) {
        return read(get("/wallet/" + segment(userId)), WalletJson::wallet);
    }

    /**
     * Adds funds under a reference the caller chose and keeps for every retry of this change: the
     * service applies a reference once, so a retry (by the client or later by the caller) never adds twice.
     *
     * @return {@link Outcome.Applied} with the balance after, {@link Outcome.Refused} with a stable code,
     *     or {@link Outcome.Unknown} when neither sending nor the lookup settled it (send it again later)
     */
    public Outcome addFunds(String userId, long amountCents, String reference) {
        return await(addFundsAsync(userId, amountCents, reference));
    }

    /** {@link #addFunds} without waiting: completes with the outcome, never exceptionally for an HTTP failure. */
    public CompletableFuture<Outcome> addFundsAsync(String userId, long amountCents, String reference) {
        return funds("/add-funds/", "ADD", userId, amountCents, reference);
    }

    /** Takes funds out; refused with {@code insufficient_funds} rather than going below zero. */
    public Outcome removeFunds(String userId, long amountCents, String reference) {
        return await(removeFundsAsync(userId, amountCents, reference));
    }

    /** {@link #removeFunds} without waiting. */
    public CompletableFuture<Outcome> removeFundsAsync(String userId, long amountCents, String reference) {
        return funds("/remove-funds/", "REMOVE", userId, amountCents, reference);
    }

    /** Places a bet into a round (opened by its first bet); {@code insufficient_funds} rather than going below zero. */
    public Outcome bet(String userId, RoundLeg bet) {
        return await(betAsync(userId, bet));
    }

    /** {@link #bet} without waiting. */
    public CompletableFuture<Outcome> betAsync(String userId, RoundLeg bet) {
        return roundLeg("/bet/", "BET", userId, bet);
    }

    /** Pays a win into a round with a standing bet; {@link RoundLeg#closingRound()} closes the round. */
    public Outcome win(String userId, RoundLeg win) {
        return await(winAsync(userId, win));
    }

    /** {@link #win} without waiting. */
    public CompletableFuture<Outcome> winAsync(String userId, RoundLeg win) {
        return roundLeg("/win/", "WIN", userId, win);
    }

    /** Rolls back a bet or a win; one that has not come (yet) is recorded, and refused if it comes later. */
    public Outcome rollback(String userId, String reference, String originalReference) {
        return await(rollbackAsync(userId, reference, originalReference));
    }

    /** {@link #rollback} without waiting. */
    public CompletableFuture<Outcome> rollbackAsync(String userId, String reference, String originalReference) {
        ObjectNode body = WalletJson.object().put("reference", reference).put("originalReference", originalReference);
        return change(new Change(userId, reference, "ROLLBACK", OptionalLong.empty(), Optional.of(originalReference),
                post("/rollback/" + segment(userId), body)));
    }

    /** {@return a reference's recorded outcome; refused with {@code transaction_not_found} when the service has none} */
    public Answer<Transaction> transaction(String userId, String reference) {
        return await(transactionAsync(userId, reference));
    }

    /** {@link #transaction} without waiting. */
    public CompletableFuture<Answer<Transaction>> transactionAsync(String userId, String reference) {
        return read(lookup(userId, reference), WalletJson::transaction);
    }

    /** {@return a page of the wallet's stored history} */
    public Answer<HistoryPage> history(String userId, HistoryQuery query) {
        return await(historyAsync(userId, query));
    }

    /** {@link #history} without waiting. */
    public CompletableFuture<Answer<HistoryPage>> historyAsync(String userId, HistoryQuery query) {
        return read(get("/wallet/" + segment(userId) + "/transactions" + query.queryString()), WalletJson::historyPage);
    }

    /** {@return a round as the service stores it; refused with {@code round_not_found} when nothing of it is stored} */
    public Answer<Round> round(String userId, String roundId) {
        return await(roundAsync(userId, roundId));
    }

    /** {@link #round} without waiting. */
    public CompletableFuture<Answer<Round>> roundAsync(String userId, String roundId) {
        return read(get("/wallet/" + segment(userId) + "/rounds/" + segment(roundId)), WalletJson::round);
    }

    private CompletableFuture<Outcome> funds(String route, String type, String userId, long amountCents,
            String reference) {
        ObjectNode body = WalletJson.object().put("amount", amountCents).put("reference", reference);
        return change(new Change(userId, reference, type, OptionalLong.of(amountCents), Optional.empty(),
                post(route + segment(userId), body)));
    }

    private CompletableFuture<Outcome> roundLeg(String route, String type, String userId, RoundLeg leg) {
        ObjectNode body = WalletJson.object().put("amount", leg.amountCents()).put("reference", leg.reference())
                .put("roundId", leg.roundId()).put("closesRound", leg.closesRound());
        if (!leg.metadata().isEmpty()) {
            ObjectNode metadata = body.putObject("metadata");
            leg.metadata().forEach(metadata::put);
        }
        return change(new Change(userId, leg.reference(), type, OptionalLong.of(leg.amountCents()), Optional.empty(),
                post(route + segment(userId), body)));
    }

    private CompletableFuture<Outcome> change(Change change) {
        Map<String, String> headers = headers();
        ChangeResolution resolution = new ChangeResolution(change, new Retrying(transport, requestTimeout), policy,
                headers, lookup(change.userId(), change.reference()));
        return resolution.run();
    }

    private <T> CompletableFuture<Answer<T>> read(Transport.Request request, Function<JsonNode, T> parse) {
        return new Retrying(transport, requestTimeout)
                .send(request, headers(), policy, policy.maxAttempts(), policy.maxTotalTime())
                .thenApply(ended -> {
                    if (ended instanceof Retrying.Answered answered) {
                        int status = answered.response().status();
                        String body = answered.response().body();
                        if (status >= 200 && status < 300) {
                            return new Answer.Success<>(parse.apply(WalletJson.read(body)));
                        }
                        if (status >= 400 && status < 500) {
                            return new Answer.Refused<>(WalletJson.refusal(status, body), answered.attempts());
                        }
                        return new Answer.Unavailable<>("answered " + status + " " + Retrying.abbreviated(body),
                                answered.attempts(), Optional.empty());
                    }
                    Retrying.GaveUp gaveUp = (Retrying.GaveUp) ended;
                    return new Answer.Unavailable<>(gaveUp.reason(), gaveUp.attempts(), gaveUp.lastFailure());
                });
    }

    private Map<String, String> headers() {
        return requestIds.map(ids -> Map.of(REQUEST_ID_HEADER, ids.get())).orElse(Map.of());
    }

    static boolean replayed(Transport.Response response) {
        return response.header(REPLAYED_HEADER).map("true"::equalsIgnoreCase).orElse(false);
    }

    private static Transport.Request get(String pathAndQuery) {
        return new Transport.Request("GET", pathAndQuery, Optional.empty());
    }

    private static Transport.Request post(String path, ObjectNode body) {
        return new Transport.Request("POST", path, Optional.of(WalletJson.write(body)));
    }

    private static Transport.Request lookup(String userId, String reference) {
        return get("/wallet/" + segment(userId) + "/transactions/" + segment(reference));
    }

    /** {@return the value percent-encoded as one path segment: every byte but A-Z a-z 0-9 - . _ ~} */
    static String segment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static <T> T await(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException failed) {
            Throwable cause = Transport.unwrap(failed);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * A change of money as the lookup must match it.
     *
     * @param type the type the lookup shows for it
     * @param amountCents what it asks for; a rollback names no amount
     * @param originalReference what a rollback names
     */
    record Change(String userId, String reference, String type, OptionalLong amountCents,
            Optional<String> originalReference, Transport.Request request) {}

    /** Builds a {@link WalletClient}; every setting has a stated default. */
    public static final class Builder {

        /** The largest answer body read by default: a full history page with the most metadata fits. */
        public static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;

        private final URI baseUri;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private HttpClient httpClient;
        private Supplier<String> requestIds;
        private ExchangeListener listener = ExchangeListener.NONE;
        private BearerAuthorization authorization;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

        private Builder(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
            if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
                throw new IllegalArgumentException("the base URI must be http or https: " + baseUri);
            }
        }

        /** The longest wait for a connection (default 2 s); ignored with {@link #httpClient}. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** The longest wait for one request's whole answer (default 10 s); cut to what is left of the budget. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /** How long calls keep trying (default {@link RetryPolicy#defaults()}). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The JDK client to send with, for its executor, proxy or TLS settings (default: a new one). */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Names each call in an {@value #REQUEST_ID_HEADER} header, the same on its retries and lookups (default: none). */
        public Builder requestIds(Supplier<String> ids) {
            this.requestIds = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * Sends this token as {@code Authorization: Bearer <token>} on every request (default: no
         * header, for an API without authentication). The operator issues each service its own
         * token with the scopes its calls need. Checked now: 1 to {@value BearerAuthorization#MAX_TOKEN_LENGTH}
         * visible ASCII characters, no whitespace or control character. Replaces {@link #bearerTokens}.
         *
         * @throws IllegalArgumentException for an invalid token; the message does not show it
         */
        public Builder bearerToken(String token) {
            this.authorization = BearerAuthorization.of(token);
            return this;
        }

        /**
         * Asks for the token on every request, each send, retry and lookup alike, so a rotated token
         * is used from the next request on without building another client (default: no header).
         * The supplier is called on the thread that sends, so it must be quick (read a value a
         * refresher keeps, not a file). A token it gives is checked as {@link #bearerToken} checks
         * one; an invalid one, or an exception it throws, fails the call with that exception and
         * nothing is sent. Replaces {@link #bearerToken}.
         */
        public Builder bearerTokens(Supplier<String> tokens) {
            this.authorization = BearerAuthorization.suppliedBy(tokens);
            return this;
        }

        /** Sees every exchange (default: none); its request headers show the token as {@code Bearer ***}. */
        public Builder listener(ExchangeListener exchangeListener) {
            this.listener = Objects.requireNonNull(exchangeListener, "listener");
            return this;
        }

        /** The largest answer body read; a larger one fails its exchange (default 1 MiB). */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1_024 || bytes > 64 << 20) {
                throw new IllegalArgumentException("maxResponseBytes must be 1 KiB to 64 MiB, not " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** {@return the client; it holds no connection until its first call} */
        public WalletClient build() {
            HttpClient http = httpClient != null ? httpClient : HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            return new WalletClient(new Transport(http, baseUri, maxResponseBytes, listener,
                    Optional.ofNullable(authorization)), requestTimeout, retryPolicy, Optional.ofNullable(requestIds));
        }

        private static Duration positive(String name, Duration duration) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be above zero, not " + duration);
            }
            return duration;
        }
    }
}
