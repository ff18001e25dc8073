package com.acme.wallet.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request the client sent and what came of it, exactly as on the wire: a call may make
 * several (its retries, its lookups).
 *
 * @param method the HTTP method
 * @param uri the full request URI
 * @param requestHeaders the headers the client set
 * @param requestBody the body sent, "" for none
 * @param status the answer's status, or {@link #NO_ANSWER} when the request failed
 * @param responseHeaders the answer's headers, empty when there was none
 * @param responseBody the answer's body (at most the client's limit), "" when there was none
 * @param failure why no answer came: a connection failure, a timeout, a body over the limit
 * @param elapsed from just before the send to the answer's last byte (or the failure)
 */
public record Exchange(String method, URI uri, Map<String, List<String>> requestHeaders, String requestBody,
        int status, Map<String, List<String>> responseHeaders, String responseBody, Optional<Throwable> failure,
        Duration elapsed) {

    /** The status of an exchange that got no HTTP answer. */
    public static final int NO_ANSWER = 0;

    public Exchange {
        requestHeaders = Map.copyOf(requestHeaders);
        responseHeaders = Map.copyOf(responseHeaders);
        if ((status == NO_ANSWER) != failure.isPresent()) {
            throw new IllegalArgumentException("an exchange has either a status or a failure: " + status + ", " + failure);
        }
    }

    /** {@return whether an HTTP answer came} */
    public boolean answered() {
        return status != NO_ANSWER;
    }

    /** {@return the first value of a response header, matched without regard to case} */
    public Optional<String> responseHeader(String name) {
        return responseHeaders.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .flatMap(header -> header.getValue().stream()).findFirst();
    }
}
