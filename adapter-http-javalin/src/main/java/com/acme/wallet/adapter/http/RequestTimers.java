package com.acme.wallet.adapter.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Times every request the router answers as {@code wallet_http_requests_seconds}, labelled by
 * method, route template (never the raw path, whose user ids are unbounded) and status.
 *
 * <p>The labels are bounded: routes are the API's own templates, every request no route matched
 * (404, 405) shares the route {@value #UNMATCHED}, and a status is one of 100 to 599. The hot path
 * allocates nothing once a (route, status) pair has been seen: timers are found by the matched
 * endpoint, an object Javalin keeps for the life of the app, and by an array index.
 */
final class RequestTimers {

    /** The route label of every request that matched no route. */
    static final String UNMATCHED = "unmatched";

    /** Buckets from 1 ms to 10 s: a write waits at most the write timeout (2.5 s by default). */
    private static final Duration[] SLO_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private static final int LOWEST_STATUS = 100;
    private static final int STATUSES = 500;

    private final MeterRegistry registry;
    /** Keyed by the matched {@link Endpoint}, or by the method name for requests no route matched. */
    private final ConcurrentHashMap<Object, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();

    RequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records one answered request.
     *
     * @param ctx the request, answered
     * @param executionMillis how long Javalin took from receiving it to finishing the answer
     */
    void record(Context ctx, float executionMillis) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String method = ctx.method().name();
        int status = Math.min(Math.max(ctx.statusCode(), LOWEST_STATUS), LOWEST_STATUS + STATUSES - 1);
        Object key = endpoint == null ? method : endpoint;
        AtomicReferenceArray<Timer> byStatus =
                timers.computeIfAbsent(key, ignored -> new AtomicReferenceArray<>(STATUSES));
        Timer timer = byStatus.get(status - LOWEST_STATUS);
        if (timer == null) {
            timer = register(method, endpoint == null ? UNMATCHED : endpoint.path, status);
            byStatus.set(status - LOWEST_STATUS, timer);
        }
        timer.record((long) (executionMillis * 1_000_000.0), TimeUnit.NANOSECONDS);
    }

    private Timer register(String method, String route, int status) {
        return Timer.builder("wallet.http.requests")
                .description("HTTP requests answered, by method, route template and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(SLO_BUCKETS)
                .register(registry);
    }
}
