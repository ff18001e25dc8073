package com.acme.wallet.adapter.httpclient;

import com.acme.wallet.application.port.out.ReadServedBalancesPort;
import com.acme.wallet.domain.WalletId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Asks the REST API for wallet balances, one {@code GET /wallet/{id}} at a time, each bounded by a
 * timeout, with the JDK's HTTP client.
 */
public final class HttpRestApiBalances implements ReadServedBalancesPort {

    /** The REST API could not be asked: refused, timed out, or answered something unexpected. */
    public static final class UnreachableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // Only a tree is read, so no coercion setting applies: the balance is taken only when it is a
    // JSON integer that fits a long, never 1.5 truncated or "10" converted.
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final Duration requestTimeout;
    private final Optional<String> bearerToken;
    private final HttpClient client;

    /**
     * Creates the client.
     *
     * @param apiUrl the REST API, such as {@code http://127.0.0.1:8081}
     * @param requestTimeout the longest wait to connect and for each answer
     */
    public HttpRestApiBalances(URI apiUrl, Duration requestTimeout) {
        this(apiUrl, requestTimeout, Optional.empty());
    }

    /**
     * Creates the client of a REST API that checks tokens.
     *
     * @param apiUrl the REST API, such as {@code http://127.0.0.1:8081}
     * @param requestTimeout the longest wait to connect and for each answer
     * @param bearerToken the token each request sends ({@code Authorization: Bearer}), with the
     *     scope {@code wallet:read}; empty for an API that checks none
     */
    public HttpRestApiBalances(URI apiUrl, Duration requestTimeout, Optional<String> bearerToken) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken");
        if (!"http".equals(apiUrl.getScheme()) && !"https".equals(apiUrl.getScheme()) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("the API URL must be http(s)://host[:port], not " + apiUrl);
        }
        String text = apiUrl.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.client = HttpClient.newBuilder().connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Reads one wallet's balance.
     *
     * @param id the wallet
     * @return its balance in cents, or empty if the API answers 404
     * @throws UnreachableException if the API does not answer 200 or 404 with a balance in time
     */
    @Override
    public OptionalLong balanceOf(WalletId id) {
        URI uri = URI.create(base + "/wallet/" + URLEncoder.encode(id.value(), StandardCharsets.UTF_8));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET();
        bearerToken.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException failure) {
            throw new UnreachableException("GET " + uri + " failed: " + failure, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted during GET " + uri, interrupted);
        }
        if (response.statusCode() == 404) {
            return OptionalLong.empty();
        }
        if (response.statusCode() != 200) {
            throw new UnreachableException("GET " + uri + " answered " + response.statusCode() + ": "
                    + abbreviated(response.body()), null);
        }
        return OptionalLong.of(parseBalance(response.body()));
    }

    /**
     * Reads the balance from the API's wallet body.
     *
     * @param body such as {@code {"userId":"andrei","balance":60}}
     * @return the balance in cents
     * @throws UnreachableException if the body holds no balance
     */
    static long parseBalance(String body) {
        JsonNode wallet;
        try {
            wallet = JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            throw new UnreachableException("the API's answer is not JSON: " + abbreviated(body), notJson);
        }
        JsonNode balance = wallet == null ? null : wallet.get("balance");
        if (balance == null || !balance.isIntegralNumber()) {
            throw new UnreachableException("no balance in the API's answer: " + abbreviated(body), null);
        }
        if (!balance.canConvertToLong()) {
            throw new UnreachableException("balance out of range in the API's answer: " + abbreviated(body), null);
        }
        return balance.longValue();
    }

    private static String abbreviated(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
