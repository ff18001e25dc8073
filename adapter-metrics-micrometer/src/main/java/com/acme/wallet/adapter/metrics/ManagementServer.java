package com.acme.wallet.adapter.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP endpoint for operators, apart from any traffic: {@code GET /metrics} (Prometheus's
 * text format) and {@code GET /ready} (200 {@code OK} while ready, else 503). Everything else is
 * 404, a method other than GET or HEAD 405. One thread serves it: a scrape is rare and cheap.
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    /** Connections the kernel may queue: scrapers and probes are few. */
    private static final int BACKLOG = 16;

    private final HttpServer server;
    private final ExecutorService thread;

    private ManagementServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Binds and starts serving.
     *
     * @param host the address to bind, such as {@code 127.0.0.1}
     * @param port the port; 0 for any free one (see {@link #port()})
     * @param scrape every meter in Prometheus's text format
     * @param ready whether the program is ready
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound (in use, or not this host's)
     */
    public static ManagementServer start(String host, int port, Supplier<String> scrape, BooleanSupplier ready) {
        Objects.requireNonNull(scrape, "scrape");
        Objects.requireNonNull(ready, "ready");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot bind the management endpoint to " + host + ":" + port, failure);
        }
        server.createContext("/", exchange -> answer(exchange, scrape, ready));
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread serving = new Thread(runnable, "wallet-management-http");
            serving.setDaemon(true);
            return serving;
        });
        server.setExecutor(thread);
        server.start();
        LOG.info("management endpoint on {}:{} (GET /metrics, GET /ready)", host, server.getAddress().getPort());
        return new ManagementServer(server, thread);
    }

    /** {@return the port it listens on} */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }

    private static void answer(HttpExchange exchange, Supplier<String> scrape, BooleanSupplier ready)
            throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/metrics") && !path.equals("/ready")) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: GET /metrics or GET /ready\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            } else if (path.equals("/metrics")) {
                send(exchange, 200, PrometheusMetrics.CONTENT_TYPE, scrape.get());
            } else if (ready.getAsBoolean()) {
                send(exchange, 200, "text/plain; charset=utf-8", "OK");
            } else {
                send(exchange, 503, "text/plain; charset=utf-8", "not ready");
            }
        } catch (RuntimeException failure) {
            LOG.warn("management request failed", failure);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
