package com.acme.wallet.adapter.http;

import com.acme.wallet.application.port.in.Caller;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many requests each caller may make: a token bucket per caller (Bucket4j) that holds up to
 * {@code burst} requests and refills {@code requests} every {@code period}, evenly. A request beyond it is answered 429
 * {@code rate_limited} with {@code Retry-After}, before its route runs, so it changes nothing. The
 * health checks and the contract are never limited; a refused request (401, 403) is not counted.
 *
 * <p>There is one bucket per caller's name: at most as many as the token files in force have listed
 * since the start (a request cannot make up a name), or one for everybody without authentication.
 *
 * @param requests the requests each caller may keep up per period, 1 to {@value #MAX_PER_SECOND} a second
 * @param period the period, 1 ms to a day
 * @param burst requests each caller may make at once after a pause, 1 to {@value #MAX_BURST}
 */
public record RateLimit(long requests, Duration period, long burst) {

    /** The highest rate: more than this process serves. */
    public static final long MAX_PER_SECOND = 1_000_000;

    /** The largest burst. */
    public static final long MAX_BURST = 10_000_000;

    /**
     * Validates the limit.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public RateLimit {
        Objects.requireNonNull(period, "period");
        if (period.toMillis() < 1 || period.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("the rate limit's period must be 1 ms to a day, not " + period);
        }
        if (requests < 1 || requests > MAX_PER_SECOND * Math.max(1, period.toSeconds())) {
            throw new IllegalArgumentException("the rate limit must be 1 to " + MAX_PER_SECOND
                    + " requests per second, not " + requests + " per " + period);
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("the rate limit's burst must be 1 to " + MAX_BURST + " requests, not "
                    + burst);
        }
    }

    /**
     * {@return a limit of so many requests a second, each caller allowed a burst of so many}
     *
     * @param perSecond requests per second
     * @param burst requests at once after a pause
     */
    public static RateLimit perSecond(long perSecond, long burst) {
        return new RateLimit(perSecond, Duration.ofSeconds(1), burst);
    }

    /** The buckets of the callers, and the check that takes from them. */
    static final class Buckets {

        private final RateLimit limit;
        private final Map<String, Bucket> byCaller = new ConcurrentHashMap<>();

        Buckets(RateLimit limit) {
            this.limit = limit;
        }

        /**
         * Takes one request from the caller's bucket.
         *
         * @throws Refusal with 429 if the bucket is empty
         */
        void take(Context ctx) {
            if (ctx.routeRoles().contains(Public.ANYONE)) {
                return;
            }
            Caller caller = Authentication.callerOf(ctx);
            ConsumptionProbe probe = byCaller.computeIfAbsent(caller.name(), name -> newBucket())
                    .tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                        + (probe.getNanosToWaitForRefill() % 1_000_000_000 == 0 ? 0 : 1));
                throw new Refusal(ErrorCode.RATE_LIMITED, "the rate limit of " + caller + " (" + limit.requests()
                        + " requests per " + limit.period().toMillis() + " ms, bursts of " + limit.burst()
                        + ") is spent; retry after " + seconds + " s",
                        Map.of("Retry-After", Long.toString(seconds)));
            }
        }

        private Bucket newBucket() {
            return Bucket.builder().addLimit(bandwidth -> bandwidth.capacity(limit.burst())
                    .refillGreedy(limit.requests(), limit.period())).build();
        }
    }

    /** {@return the limit's buckets, none filled yet, or nothing to check for no limit} */
    static Optional<Buckets> bucketsOf(Optional<RateLimit> limit) {
        return limit.map(Buckets::new);
    }
}
