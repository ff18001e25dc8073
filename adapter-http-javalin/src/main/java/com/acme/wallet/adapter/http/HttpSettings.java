package com.acme.wallet.adapter.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
 * @param idleTimeout how long a connection may go without reading or writing a byte before it is
 *     closed: an idle keep-alive connection, a client that stops sending its request, and a client
 *     that stops reading its reply (whose blocked write holds a request thread until then)
 * @param minRequestBytesPerSecond the slowest rate at which a request body may arrive, counted from
 *     its first byte; a slower client is answered 408 and disconnected
 * @param maxConnections the most connections open at once; at the limit the server stops accepting
 *     until one closes, and new connections wait in the kernel's accept queue
 * @param tls HTTPS with this certificate, or empty for plain HTTP
 * @param rateLimit the requests each caller may make, or empty for no limit
 */
public record HttpSettings(String host, int port, long maxRequestBytes, Duration writeTimeout, Duration stopTimeout,
        int maxThreads, Duration idleTimeout, long minRequestBytesPerSecond, int maxConnections,
        Optional<TlsSettings> tls, Optional<RateLimit> rateLimit) {

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
     * 30 s, Jetty's own default, so keep-alive clients see no change: long enough for a client's
     * pooled connection to be reused between requests, short enough that a client that stalls, or
     * never reads its replies, gives its request thread back within half a minute.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * 1 byte/s. Jetty checks the rate whenever the body is read, as the bytes arrived against the
     * rate times the time since the body's first byte, so a small body read late by a busy server looks
     * slow: at 1,024 bytes/s one of 50 concurrent 14-byte {@code {"amount":100}} bodies was refused
     * with 408 (seen in ConcurrentRequestsTest on this 2-core machine). At 1 byte/s it would have to wait 14 s, far past the
     * write timeout, while a client that trickles a byte just within every idle timeout is still cut
     * off after a few bytes instead of holding its request thread for hours.
     */
    public static final long DEFAULT_MIN_REQUEST_BYTES_PER_SECOND = 1;

    /** 1 MiB/s: a higher minimum would cut off honest clients on a slow mobile link. */
    public static final long MAX_MIN_REQUEST_BYTES_PER_SECOND = 1_024 * 1_024;

    /**
     * 10,000: far more than the platform's backends keep open (a pool of tens to hundreds each), and
     * well within the file descriptors a JVM gets on Linux, so that a client opening connections
     * without end, or a flood of them, runs into this limit before the process runs out of descriptors.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    /** 1,000,000: more would outgrow any machine's file descriptors long before. */
    public static final int MAX_MAX_CONNECTIONS = 1_000_000;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(rateLimit, "rateLimit");
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
        // A write awaiting the log's confirmation reads and writes nothing; a shorter idle timeout
        // could close its connection before the 503 that tells the client to retry.
        if (idleTimeout.compareTo(writeTimeout) <= 0) {
            throw new IllegalArgumentException("the idle timeout (" + idleTimeout.toMillis()
                    + " ms) must be longer than the write timeout (" + writeTimeout.toMillis() + " ms)");
        }
        if (minRequestBytesPerSecond < 1 || minRequestBytesPerSecond > MAX_MIN_REQUEST_BYTES_PER_SECOND) {
            throw new IllegalArgumentException("the minimum request data rate must be 1 to "
                    + MAX_MIN_REQUEST_BYTES_PER_SECOND + " bytes/s, not " + minRequestBytesPerSecond);
        }
        if (maxConnections < 1 || maxConnections > MAX_MAX_CONNECTIONS) {
            throw new IllegalArgumentException("the most connections must be 1 to " + MAX_MAX_CONNECTIONS
                    + ", not " + maxConnections);
        }
    }

    /**
     * The defaults on a host and port: 16 KiB bodies, 2.5 s write timeout, 10 s to stop, 200 threads,
     * 30 s idle timeout, request bodies at 1 byte/s at least, 10,000 connections, plain HTTP, no rate limit.
     *
     * @param host the address to bind
     * @param port the port
     * @return the settings
     */
    public static HttpSettings defaults(String host, int port) {
        return new HttpSettings(host, port, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_WRITE_TIMEOUT, Duration.ofSeconds(10), 200,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_MIN_REQUEST_BYTES_PER_SECOND, DEFAULT_MAX_CONNECTIONS, Optional.empty(),
                Optional.empty());
    }

    /**
     * These settings with another write timeout.
     *
     * @param otherWriteTimeout how long a write may wait for the log's confirmation
     * @return the new settings
     */
    public HttpSettings withWriteTimeout(Duration otherWriteTimeout) {
        return new HttpSettings(host, port, maxRequestBytes, otherWriteTimeout, stopTimeout, maxThreads, idleTimeout,
                minRequestBytesPerSecond, maxConnections, tls, rateLimit);
    }

    /**
     * These settings with another idle timeout and minimum request data rate.
     *
     * @param otherIdleTimeout how long a connection may go without reading or writing a byte
     * @param otherMinRequestBytesPerSecond the slowest rate at which a request body may arrive
     * @return the new settings
     */
    public HttpSettings withSlowClientLimits(Duration otherIdleTimeout, long otherMinRequestBytesPerSecond) {
        return new HttpSettings(host, port, maxRequestBytes, writeTimeout, stopTimeout, maxThreads, otherIdleTimeout,
                otherMinRequestBytesPerSecond, maxConnections, tls, rateLimit);
    }

    /**
     * These settings with another limit of open connections.
     *
     * @param otherMaxConnections the most connections open at once
     * @return the new settings
     */
    public HttpSettings withMaxConnections(int otherMaxConnections) {
        return new HttpSettings(host, port, maxRequestBytes, writeTimeout, stopTimeout, maxThreads, idleTimeout,
                minRequestBytesPerSecond, otherMaxConnections, tls, rateLimit);
    }

    /**
     * These settings serving HTTPS only.
     *
     * @param certificate the server's certificate and key
     * @return the new settings
     */
    public HttpSettings withTls(TlsSettings certificate) {
        return new HttpSettings(host, port, maxRequestBytes, writeTimeout, stopTimeout, maxThreads, idleTimeout,
                minRequestBytesPerSecond, maxConnections, Optional.of(certificate), rateLimit);
    }

    /**
     * These settings with a rate limit per caller.
     *
     * @param limit the requests each caller may make
     * @return the new settings
     */
    public HttpSettings withRateLimit(RateLimit limit) {
        return new HttpSettings(host, port, maxRequestBytes, writeTimeout, stopTimeout, maxThreads, idleTimeout,
                minRequestBytesPerSecond, maxConnections, tls, Optional.of(limit));
    }
}
