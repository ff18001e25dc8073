package com.acme.wallet.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted stand-in for the wallet's API on the JDK's own HTTP server: each route answers its
 * replies in order, repeating the last; everything received is kept. 404 for a route with no script.
 */
final class FakeWalletApi implements AutoCloseable {

    /** A scripted answer, given after a delay (longer than the client's timeout: no answer in time). */
    record Reply(int status, Map<String, String> headers, String body, Duration delay) {

        static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body, Duration.ZERO);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body, delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    /** A request the server received, and when (System.nanoTime()). */
    record Received(String method, String path, String body, Map<String, List<String>> headers, long atNanos) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FakeWalletApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException failed) {
            throw new IllegalStateException(failed);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Scripts a route, such as {@code POST /add-funds/w1}: its replies in order, the last one repeated. */
    FakeWalletApi answer(String methodAndPath, Reply... replies) {
        scripts.put(methodAndPath, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        received.add(new Received(exchange.getRequestMethod(), path, body, Map.copyOf(exchange.getRequestHeaders()),
                System.nanoTime()));
        Reply reply = next(exchange.getRequestMethod() + " " + path);
        try {
            Thread.sleep(reply.delay().toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // The client gave up waiting: what a timeout looks like from here.
        }
    }

    private Reply next(String route) {
        Deque<Reply> script = scripts.get(route);
        if (script == null) {
            return Reply.of(404, "{\"success\":false,\"msg\":\"no such route\",\"code\":\"not_found\"}");
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
