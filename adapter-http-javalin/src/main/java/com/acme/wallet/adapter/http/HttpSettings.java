package com.acme.wallet.adapter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP API listens and the limits it enforces.
 *
 * @param host the address to bind, {@code 0.0.0.0} for all
 * @param port the port, 0 for any free one
 * @param maxRequestBytes the largest request body accepted; larger ones answer 413
 * @param writeTimeout how long a write may wait for the log's confirmation before it answers 503
 *     (the change may still happen; the client retries with the same reference)
 * @param stopTimeout how long stopping waits for requests in flight to finish
 * @param maxThreads the most request threads
 */
public record HttpSettings(
        String host, int port, long maxRequestBytes, Duration writeTimeout, Duration stopTimeout, int maxThreads) {

    /** The seed's port. */
    public static final int DEFAULT_PORT = 8081;

    /** 16 KiB: far more than any valid request needs. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16 * 1024;

    /**
     * 2.5 s: a write the log cannot confirm answers 503 well within 3 s, client to client, so a
     * betting workflow can retry or ask {@code GET /wallet/{userId}/transactions/{reference}} in time.
     */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofMillis(2_500);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("max request size must be positive");
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero() || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxThreads < 8) {
            throw new IllegalArgumentException("at least 8 request threads are needed, not " + maxThreads);
        }
    }

    /**
     * The defaults on a host and port: 16 KiB bodies, 2.5 s write timeout, 10 s to stop, 200 threads.
     *
     * @param host the address to bind
     * @param port the port
     * @return the settings
     */
    public static HttpSettings defaults(String host, int port) {
        return new HttpSettings(host, port, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_WRITE_TIMEOUT, Duration.ofSeconds(10), 200);
    }

    /**
     * These settings with another write timeout.
     *
     * @param otherWriteTimeout how long a write may wait for the log's confirmation
     * @return the new settings
     */
    public HttpSettings withWriteTimeout(Duration otherWriteTimeout) {
        return new HttpSettings(host, port, maxRequestBytes, otherWriteTimeout, stopTimeout, maxThreads);
    }
}
