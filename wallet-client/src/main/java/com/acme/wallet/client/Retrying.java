package com.acme.wallet.client;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends one request until it gets an answer that is not "try again", within a budget: the same
 * request every time, byte for byte. "Try again" is a connection failure, a timeout, a 502, 503 or
 * 504, or a 429 (the token's rate limit: the service changed nothing); any other answer ends the
 * loop.
 */
final class Retrying {

    /** How a loop ended. */
    sealed interface Ended permits Answered, GaveUp {
        int attempts();
    }

    /** An answer other than "try again". */
    record Answered(Transport.Response response, int attempts) implements Ended {}

    /** The budget ran out; the last attempt got a "try again" answer or a failure. */
    record GaveUp(String reason, int attempts, Optional<Throwable> lastFailure) implements Ended {}

    private final Transport transport;
    private final Duration requestTimeout;

    Retrying(Transport transport, Duration requestTimeout) {
        this.transport = transport;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Sends until an answer, at most {@code maxAttempts} times within {@code budget}.
     *
     * @param request what to send, the same every time
     * @param headers the same every time
     * @param policy the pauses
     * @param maxAttempts the most sends
     * @param budget how long from now the sends may take in all
     */
    CompletableFuture<Ended> send(Transport.Request request, Map<String, String> headers, RetryPolicy policy,
            int maxAttempts, Duration budget) {
        long deadlineNanos = System.nanoTime() + budget.toNanos();
        return attempt(request, headers, policy, maxAttempts, deadlineNanos, 1);
    }

    private CompletableFuture<Ended> attempt(Transport.Request request, Map<String, String> headers, RetryPolicy policy,
            int maxAttempts, long deadlineNanos, int attempt) {
        Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
        Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
        if (timeout.toMillis() < 1) {
            timeout = Duration.ofMillis(1);
        }
        return transport.send(request, headers, timeout).handle((response, failure) -> {
            if (failure != null && !(Transport.unwrap(failure) instanceof IOException)) {
                throw new CompletionException(Transport.unwrap(failure));
            }
            if (failure == null && !tryAgain(response.status())) {
                return CompletableFuture.<Ended>completedFuture(new Answered(response, attempt));
            }
            Optional<Throwable> lastFailure = Optional.ofNullable(failure).map(Transport::unwrap);
            String got = lastFailure.map(Throwable::toString)
                    .orElseGet(() -> response.status() + " " + abbreviated(response.body()));
            Duration pause = failure == null
                    ? retryAfter(response).map(policy::capped).orElseGet(() -> policy.backoffAfter(attempt))
                    : policy.backoffAfter(attempt);
            long pausedUntil = System.nanoTime() + pause.toNanos();
            if (attempt >= maxAttempts || pausedUntil >= deadlineNanos) {
                String why = attempt >= maxAttempts ? "after " + attempt + " attempts" : "with no time left for another attempt";
                return CompletableFuture.<Ended>completedFuture(new GaveUp("gave up " + why + "; the last got " + got,
                        attempt, lastFailure));
            }
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(pause.toNanos(), TimeUnit.NANOSECONDS))
                    .thenCompose(ignored -> attempt(request, headers, policy, maxAttempts, deadlineNanos, attempt + 1));
        }).thenCompose(next -> next);
    }

    static boolean tryAgain(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** {@return the answer's Retry-After, in seconds or as an HTTP date; empty when absent or unreadable} */
    static Optional<Duration> retryAfter(Transport.Response response) {
        return response.header("Retry-After").flatMap(value -> {
            String trimmed = value.trim();
            try {
                long seconds = Long.parseLong(trimmed);
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(seconds, 86_400)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration until = Duration.between(ZonedDateTime.now(),
                            ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
                    return Optional.of(until.isNegative() ? Duration.ZERO : until);
                } catch (DateTimeException notDate) {
                    return Optional.empty();
                }
            }
        });
    }

    static String abbreviated(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
