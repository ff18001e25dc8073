package com.acme.wallet.adapter.http;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the API needs to be measured: the registry its request timers go into, and the scrape that
 * {@code GET /metrics} answers.
 *
 * @param registry where each request is timed, by method, route template and status
 * @param scrape every meter of the process in Prometheus's text format (0.0.4)
 */
public record HttpMetrics(MeterRegistry registry, Supplier<String> scrape) {

    /** The media type of Prometheus's text format, which {@code GET /metrics} answers in. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** Validates the pair. */
    public HttpMetrics {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(scrape, "scrape");
    }
}
