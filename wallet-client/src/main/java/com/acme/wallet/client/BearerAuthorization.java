package com.acme.wallet.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The caller's bearer token, as the {@code Authorization} header of every request. The token is a
 * secret: it is asked for on each send (so a rotated one is used from the next request on) and it
 * appears nowhere else, neither in this object's text, nor in an exception, nor in what an
 * {@link ExchangeListener} sees.
 */
final class BearerAuthorization {

    static final String HEADER = "Authorization";
    /** What a listener sees in place of the header's value. */
    static final String REDACTED = "Bearer ***";
    /** The longest token accepted: far above any the service issues, and a bound on the header. */
    static final int MAX_TOKEN_LENGTH = 4_096;

    private final Supplier<String> tokens;

    private BearerAuthorization(Supplier<String> tokens) {
        this.tokens = tokens;
    }

    /** {@return the same token on every request; checked now} */
    static BearerAuthorization of(String token) {
        String checked = requireValid(token);
        return new BearerAuthorization(() -> checked);
    }

    /** {@return a token asked for on every request; each one checked when it is given} */
    static BearerAuthorization suppliedBy(Supplier<String> tokens) {
        return new BearerAuthorization(Objects.requireNonNull(tokens, "tokens"));
    }

    /** {@return the header's value for the next request: {@code Bearer <token>}} */
    String headerValue() {
        return "Bearer " + requireValid(tokens.get());
    }

    /**
     * {@return the token, checked to be non-empty, at most {@link #MAX_TOKEN_LENGTH} characters and
     *     visible ASCII only}: no space, tab, CR, LF or other control character, so a token can
     *     never end the header and start another (header injection); the messages never show it
     */
    static String requireValid(String token) {
        if (token == null) {
            throw new IllegalArgumentException("the bearer token is null");
        }
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the bearer token must be 1 to " + MAX_TOKEN_LENGTH
                    + " characters, not " + token.length());
        }
        for (int at = 0; at < token.length(); at++) {
            char c = token.charAt(at);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("the bearer token has a whitespace, control or non-ASCII character"
                        + " at index " + at + "; it must be visible ASCII only");
            }
        }
        return token;
    }

    /** {@return the headers as sent, with this header's value replaced by {@link #REDACTED}} */
    static Map<String, List<String>> redacted(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, HEADER.equalsIgnoreCase(name) ? List.of(REDACTED) : values));
        return copy;
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
