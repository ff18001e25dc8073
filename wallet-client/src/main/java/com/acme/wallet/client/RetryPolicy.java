package com.acme.wallet.client;

import java.time.Duration;

/**
 * How long a call keeps trying. A call sends its request again, unchanged (a change with the same
 * reference), after a connection failure, a timeout, a 502/503/504 or a 429 (rate limited: the
 * request changed nothing), pausing between attempts; it stops at {@code maxAttempts} sends or
 * once {@code maxTotalTime} has passed, whichever comes first. A change whose outcome is still
 * unknown is then looked up by its reference for at most {@code maxResolveTime}.
 *
 * <p>The pause before attempt n+1 is the answer's {@code Retry-After} when it has one, else
 * {@code initialBackoff × 2^(n-1)}; either is cut to {@code maxBackoff}. Each request's timeout is
 * cut to what is left of its phase, so a call ends within {@code maxTotalTime + maxResolveTime}.
 *
 * @param maxAttempts how many times a request is sent at most, 1 to 100
 * @param maxTotalTime how long the sends of one call may take in all, above zero
 * @param initialBackoff the first pause, zero or more
 * @param maxBackoff the longest pause, including one a {@code Retry-After} asks for; at least {@code initialBackoff}
 * @param maxResolveTime how long a change with an unknown outcome may be looked up; zero looks nothing up
 */
public record RetryPolicy(int maxAttempts, Duration maxTotalTime, Duration initialBackoff, Duration maxBackoff,
        Duration maxResolveTime) {

    /** The most attempts any policy allows: a retry loop has a limit even when misconfigured. */
    public static final int MAX_ATTEMPTS_LIMIT = 100;

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxAttempts must be 1 to " + MAX_ATTEMPTS_LIMIT + ", not " + maxAttempts);
        }
        requirePositive("maxTotalTime", maxTotalTime);
        requireNotNegative("initialBackoff", initialBackoff);
        requireNotNegative("maxBackoff", maxBackoff);
        requireNotNegative("maxResolveTime", maxResolveTime);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
    }

    /**
     * {@return the default: 5 attempts within 20 s, pauses from 200 ms doubling to 2 s (the service
     *     asks for 1 s), and up to 10 s of lookups}
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(20), Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofSeconds(10));
    }

    /** {@return one attempt and no lookup: every call reports exactly what its one request got} */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ofDays(1), Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** {@return the pause before the attempt after {@code attemptsSoFar}, without a Retry-After} */
    Duration backoffAfter(int attemptsSoFar) {
        Duration pause = initialBackoff;
        for (int doubled = 1; doubled < attemptsSoFar && pause.compareTo(maxBackoff) < 0; doubled++) {
            pause = pause.multipliedBy(2);
        }
        return min(pause, maxBackoff);
    }

    /** {@return a pause the service asked for, cut to {@link #maxBackoff}} */
    Duration capped(Duration retryAfter) {
        return min(retryAfter, maxBackoff);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be above zero, not " + duration);
        }
    }

    private static void requireNotNegative(String name, Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more, not " + duration);
        }
    }
}
