package com.acme.wallet.adapter.http;

import java.util.Map;
import java.util.Objects;

/**
 * A request refused before its route runs (no valid token, no scope, HEAD, a body not declared JSON):
 * thrown from a before-handler, answered as the API's error with its headers. Thrown rather than
 * answered in place, so that the route is skipped while the access log and the request timers still
 * see the request, as they see every other answer.
 */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;
    private final transient Map<String, String> headers;

    /**
     * Refuses a request.
     *
     * @param code the stable code, and its status
     * @param message for people
     * @param headers sent with the answer
     */
    Refusal(ErrorCode code, String message, Map<String, String> headers) {
        // No stack trace: a refusal is an answer, not a fault, and is never logged as one.
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.headers = Map.copyOf(headers);
    }

    /** Refuses a request, with no header of its own. */
    Refusal(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    ErrorCode code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
